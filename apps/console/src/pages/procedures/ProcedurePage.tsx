import { Typography } from 'antd';

export default function Page() {
  return <Typography.Title level={2}>程序详情</Typography.Title>;
}
