import { Typography } from 'antd';

export default function Page() {
  return <Typography.Title level={2}>我的待办</Typography.Title>;
}
