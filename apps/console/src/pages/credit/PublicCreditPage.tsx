import { Flex, Typography } from 'antd';
import { CreditFirmsTable } from './CreditFirmsTable';

/** 物业服务企业信用查询 for anyone, no login: firm name, points and grade. */
export default function PublicCreditPage() {
  return (
    <Flex justify="center" style={{ padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 960 }}>
        <Typography.Title level={2}>物业服务企业信用等级查询</Typography.Title>
        <Typography.Paragraph type="secondary">
          信用分为基础分加有效期内的奖惩记录（考评、承接查验、联合执法抄告、表扬褒奖等），按分值评定等级。
        </Typography.Paragraph>
        <CreditFirmsTable />
      </main>
    </Flex>
  );
}
