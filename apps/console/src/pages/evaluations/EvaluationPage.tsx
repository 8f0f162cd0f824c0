import { App, Button, Card, Descriptions, Form, Input, InputNumber, Result, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ActionForm } from '../../components/ActionForm';
import { RefusalAlert, useRefusableSubmit } from '../../components/FormRefusal';
import { EvaluationResult, MeasureCell, measureLabel } from './evaluation-cells';

type Detail = Schemas['EvaluationDetailResponse'];
type StepState = Schemas['EstateEvaluationStateResponse'];

/** Who scores (the community, or the street office where no 居委会 is registered). */
const SCORERS = ['community', 'street_office'];

/**
 * An estate's 考评 of a month: its result and measure, the scoring form (each criterion of the template with its
 * weight, and the evidence) for the community, and the firm's written answer to its measure.
 */
export default function EvaluationPage() {
  const { scoreId } = useParams<{ scoreId: string }>();
  const api = useApi();
  const session = useSession();
  const detail = useRemote(
    () => unwrap(api.GET('/evaluations/{id}', { params: { path: { id: scoreId! } } })),
    [api, scoreId],
  );
  // The step's answer shows at once; the list row follows when the read model has it.
  const [answered, setAnswered] = useState<StepState | null>(null);

  if (detail.error) return <ErrorAlert error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Spin description="正在读取…" />;
  const d = detail.data;
  const scored = answered?.score ?? d.score;
  const measure = answered?.measure;
  return (
    <>
      <Typography.Title level={2}>
        {d.estateName} {d.month} 精细化考评
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="物业服务企业">
          <Link to={`/credit/${d.firmOrganisationId}`}>{d.firmName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="及格线">{d.passMark} 分</Descriptions.Item>
        <Descriptions.Item label="得分">
          <EvaluationResult score={answered ? { ...d, score: answered.score, passed: answered.passed } : d} />
        </Descriptions.Item>
        <Descriptions.Item label="措施">
          {measure ? (
            `${measure.label}（本小区连续 ${measure.failedInRow} 个月不达标）${measure.answeredAt ? '，已回复' : ''}`
          ) : (
            <MeasureCell score={d} />
          )}
        </Descriptions.Item>
        <Descriptions.Item label="考评模板">{d.templateVersion}</Descriptions.Item>
        {session.role !== 'property_firm' && (
          <Descriptions.Item label="本次考评">
            <Link to={`/evaluations/runs/${d.runId}`}>本街道参评小区</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {scored === null && SCORERS.includes(session.role) && (
        <ScoringForm detail={d} onScored={(state) => (setAnswered(state), detail.reload())} />
      )}
      {session.role === 'property_firm' && d.measure && !d.measureAnsweredAt && !measure?.answeredAt && (
        <MeasureAnswerForm detail={d} onAnswered={(state) => (setAnswered(state), detail.reload())} />
      )}
      {answered && <Result status="success" title="已提交" subTitle={answered.stageLabel} style={{ padding: 16 }} />}
    </>
  );
}

interface ScoringValues {
  points: Record<string, number>;
  evidence: string;
}

/** Each criterion's points out of its maximum (its weight in the 100 shown), then the evidence. */
function ScoringForm({ detail, onScored }: { detail: Detail; onScored(state: StepState): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoringValues>();
  const keys = detail.criteria.map((c) => c.key);
  const { submitting, refusal, run } = useRefusableSubmit(form, (path) => {
    if (path === 'evidence') return 'evidence';
    const item = /^items\.(\d+)\./.exec(path);
    return item && keys[Number(item[1])] ? ['points', keys[Number(item[1])]] : null;
  });
  const submit = (values: ScoringValues) =>
    run(async () => {
      const items = detail.criteria.map((c) => ({ criterion: c.key, points: values.points[c.key] }));
      const state = await unwrap(
        api.POST('/evaluations/{id}/scores', {
          params: { path: { id: detail.id } },
          body: { items, evidence: values.evidence },
        }),
      );
      message.success(`已提交：${state.score} 分`);
      onScored(state);
    });
  if (detail.criteria.length === 0)
    return <Result status="info" title="本地考评模板已换版，请从“我的待办”中的打分任务按原版本打分。" />;
  return (
    <Card title="逐项打分" style={{ marginBottom: 16 }}>
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} aria-label="逐项打分">
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={detail.criteria}
          columns={[
            { title: '考评项', dataIndex: 'label' },
            { title: '权重', render: (_, c) => `${c.weight}%` },
            {
              title: '得分',
              render: (_, c) => (
                <Form.Item
                  name={['points', c.key]}
                  rules={[{ required: true, message: `请为「${c.label}」打分` }]}
                  style={{ margin: 0 }}
                >
                  <InputNumber
                    aria-label={`${c.label}得分`}
                    min={0}
                    max={c.maxPoints}
                    step={0.5}
                    addonAfter={`/ ${c.maxPoints}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item
          name="evidence"
          label="打分依据"
          extra="巡查记录、物业服务监督员意见、业主满意度抽样"
          rules={[{ required: true, min: 4, message: '请写明打分依据（至少 4 个字）' }]}
          style={{ marginTop: 16 }}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitting ? '正在提交…' : '提交打分'}
        </Button>
      </Form>
    </Card>
  );
}

/** The firm's written answer to its 提醒函 / 整改通知书 / 约谈. */
function MeasureAnswerForm({ detail, onAnswered }: { detail: Detail; onAnswered(state: StepState): void }) {
  const api = useApi();
  return (
    <ActionForm<{ report: string }>
      title={`回复${measureLabel(detail.measure)}`}
      fields={['report']}
      submitLabel="提交回复"
      send={async (body) =>
        onAnswered(
          await unwrap(api.POST('/evaluations/{id}/measure-answer', { params: { path: { id: detail.id } }, body })),
        )
      }
    >
      <Form.Item name="report" label="整改回复" rules={[{ required: true, message: '请填写整改回复' }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </ActionForm>
  );
}
