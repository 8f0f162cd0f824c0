import { Table, Tag } from 'antd';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { formatPercent } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';

type County = Schemas['CountyFiguresResponse'];

/** Per 县（市、区） under the caller: 业账社审 pilots against the target, the quarterly checks and 整改到位率. */
export function PublicIncomeFigures() {
  const api = useApi();
  const figures = useRemote(async () => {
    const { jurisdictionCode: jurisdiction } = await unwrap(api.GET('/auth/me'));
    return unwrap(api.GET('/public-income/figures', { params: { query: { jurisdiction } } }));
  }, [api]);
  if (figures.error) return <ErrorAlert error={figures.error} retry={figures.reload} />;
  return (
    <Table<County>
      rowKey="code"
      size="small"
      loading={!figures.data}
      dataSource={figures.data?.counties ?? []}
      pagination={false}
      aria-label="业账社审与季度检查"
      style={{ marginBottom: 16 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '县（市、区）', dataIndex: 'name' },
        { title: '小区', dataIndex: 'estates' },
        {
          title: '业账社审试点',
          render: (_, c) => (
            <>
              {c.pilots} 个（{c.pilotPercent}%，目标 {c.pilotTargetPercent}%）{' '}
              {c.pilotTargetMet ? <Tag color="success">达标</Tag> : <Tag color="warning">未达标</Tag>}
            </>
          ),
        },
        { title: '有公共收益的小区', dataIndex: 'estatesWithIncome' },
        { title: '已检查', dataIndex: 'checked' },
        { title: '须整改', dataIndex: 'requiringRectification' },
        { title: '整改到位', dataIndex: 'rectified' },
        { title: '整改到位率', render: (_, c) => formatPercent(c.rectificationPercent) },
      ]}
    />
  );
}
