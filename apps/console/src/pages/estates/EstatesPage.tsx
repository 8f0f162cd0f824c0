import { Typography } from 'antd';

export default function Page() {
  return <Typography.Title level={2}>小区</Typography.Title>;
}
