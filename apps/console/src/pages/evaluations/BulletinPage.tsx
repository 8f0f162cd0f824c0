import { PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Spin, Table, Tag, Typography } from 'antd';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { useAddressQuery } from '../../components/address-query';
import { lastMonth } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';
import '../../components/print.css';
import { formatDateTime } from '../../format/time';
import { measureLabel } from './evaluation-cells';

/** The month's 考评通报 of each street under a jurisdiction (the caller's by default), laid out to print. */
export default function BulletinPage() {
  const api = useApi();
  const [query, setQuery] = useAddressQuery<{ month: string; jurisdiction?: string; page: number; pageSize: number }>(
    (params) => ({ month: params.get('month') ?? lastMonth(), jurisdiction: params.get('jurisdiction') ?? undefined }),
  );
  const bulletins = useRemote(async () => {
    const jurisdiction = query.jurisdiction ?? (await unwrap(api.GET('/auth/me'))).jurisdictionCode;
    return unwrap(api.GET('/evaluations/bulletins', { params: { query: { jurisdiction, month: query.month } } }));
  }, [api, query.month, query.jurisdiction]);

  return (
    <>
      <Flex wrap gap={12} align="center" className="no-print" style={{ marginBottom: 16 }}>
        <Input
          aria-label="月份"
          defaultValue={query.month}
          onChange={(e) => /^\d{4}-(0[1-9]|1[0-2])$/.test(e.target.value) && setQuery({ month: e.target.value })}
          style={{ width: 140 }}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!bulletins.data?.length}>
          打印通报
        </Button>
      </Flex>
      {bulletins.error && <ErrorAlert error={bulletins.error} retry={bulletins.reload} />}
      {!bulletins.data && !bulletins.error && <Spin description="正在读取…" />}
      {bulletins.data?.length === 0 && <Empty description={`${query.month} 尚无考评通报（各小区打分完成后公布）。`} />}
      <div className="print-area">
        {bulletins.data?.map((b) => (
          <section key={b.runId} style={{ marginBottom: 32 }} aria-label={`${b.jurisdictionName}考评通报`}>
            <Typography.Title level={2} style={{ textAlign: 'center' }}>
              {b.jurisdictionName} {b.month} 物业服务精细化考评通报
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              公布时间：{formatDateTime(b.publishedAt)}
            </Typography.Paragraph>
            <Table
              rowKey="estateId"
              size="small"
              bordered
              pagination={false}
              dataSource={b.rows}
              columns={[
                { title: '名次', render: (_, _r, i) => i + 1 },
                { title: '小区', dataIndex: 'estateName' },
                { title: '物业服务企业', dataIndex: 'firmName' },
                { title: '得分', dataIndex: 'score' },
                {
                  title: '结果',
                  render: (_, r) => (r.passed ? <Tag color="success">达标</Tag> : <Tag color="error">不达标</Tag>),
                },
                { title: '措施', render: (_, r) => measureLabel(r.measure) },
              ]}
            />
          </section>
        ))}
      </div>
    </>
  );
}
