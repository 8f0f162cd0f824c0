import { Descriptions, Spin, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/time';
import { EChart } from '../dashboard/EChart';
import { scoreBarsOption } from './charts';
import { EvaluationResult, MeasureCell } from './evaluation-cells';

type Score = Schemas['EvaluationScoreResponse'];

/** A street's run of a month: every estate with its score, result and measure, and the scores against the pass mark. */
export default function EvaluationRunPage() {
  const { runId } = useParams<{ runId: string }>();
  const api = useApi();
  const run = useRemote(
    () => unwrap(api.GET('/evaluations/runs/{id}', { params: { path: { id: runId! } } })),
    [api, runId],
  );
  const r = run.data;
  const option = useMemo(
    () =>
      r &&
      scoreBarsOption(
        r.estates.filter((e) => e.score !== null).map((e) => ({ estateName: e.estateName, score: e.score! })),
        r.passMark,
      ),
    [r],
  );
  if (run.error) return <ErrorAlert error={run.error} retry={run.reload} />;
  if (!r) return <Spin description="正在读取…" />;
  const scored = r.estates.filter((e) => e.score !== null).length;
  return (
    <>
      <Typography.Title level={2}>{r.month} 精细化考评</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="街道代码">{r.jurisdictionCode}</Descriptions.Item>
        <Descriptions.Item label="及格线">{r.passMark} 分</Descriptions.Item>
        <Descriptions.Item label="已打分">
          {scored} / {r.estates.length} 个小区
        </Descriptions.Item>
        <Descriptions.Item label="开展时间">{formatDateTime(r.startedAt)}</Descriptions.Item>
      </Descriptions>
      <Link to={`/evaluations/bulletins?jurisdiction=${r.jurisdictionCode}&month=${r.month}`}>本月考评通报</Link>
      {scored > 0 && option && (
        <EChart option={option} height={Math.max(160, 40 * scored + 40)} label="各小区得分与及格线" />
      )}
      <Table<Score>
        rowKey="id"
        size="small"
        dataSource={r.estates}
        pagination={false}
        columns={[
          { title: '小区', render: (_, s) => <Link to={`/evaluations/${s.id}`}>{s.estateName}</Link> },
          { title: '物业服务企业', render: (_, s) => <Link to={`/credit/${s.firmOrganisationId}`}>{s.firmName}</Link> },
          { title: '得分', render: (_, s) => <EvaluationResult score={s} /> },
          { title: '措施', render: (_, s) => <MeasureCell score={s} /> },
        ]}
      />
    </>
  );
}
