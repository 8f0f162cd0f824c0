import { Typography } from 'antd';

export default function Page() {
  return <Typography.Title level={2}>程序</Typography.Title>;
}
