import { App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApi } from '../../auth/AuthContext';
import { fieldsNamed, RefusalAlert, useRefusableSubmit } from '../../components/FormRefusal';
import { VOTE_INTERVENTIONS } from '../../../../../libs/domain/src/owners-decision';

type Intervention = Schemas['VoteInterventionRequest'];
type Kind = Intervention['kind'];

/**
 * 条例第十九条: the street office or the bureau orders a decided vote corrected, or revokes it, with a reason that
 * every owner is told. Each kind once per decision, none after a revocation; what the API refuses is shown beside
 * its field.
 */
export function InterventionCard({
  voteId,
  ordered,
  onOrdered,
}: {
  voteId: string;
  ordered: Kind[];
  onOrdered: () => void;
}) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Intervention>();
  const { submitting, refusal, run } = useRefusableSubmit(form, fieldsNamed(['kind', 'reason']));
  // A revoked decision leaves nothing to correct.
  const open = ordered.includes('revocation')
    ? []
    : (Object.keys(VOTE_INTERVENTIONS) as Kind[]).filter((kind) => !ordered.includes(kind));
  if (!open.length) return null;

  const order = (body: Intervention) =>
    run(async () => {
      const done = await unwrap(api.POST('/votes/{voteId}/interventions', { params: { path: { voteId } }, body }));
      message.success(`已${VOTE_INTERVENTIONS[body.kind]}，已通告 ${done.ownersNotified} 位业主`);
      form.resetFields();
      onOrdered();
    });

  return (
    <Card className="no-print" title="责令改正或撤销（条例第十九条）">
      <Typography.Paragraph type="secondary">
        业主大会或业委会作出的决定违反法律法规的，街道或物业主管部门应责令限期改正或撤销，并通告全体业主。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => void order(values)} initialValues={{ kind: open[0] }}>
        <Form.Item name="kind" label="决定">
          <Radio.Group options={open.map((kind) => ({ value: kind, label: VOTE_INTERVENTIONS[kind] }))} />
        </Form.Item>
        <Form.Item name="reason" label="理由（将通告全体业主）">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：表决事项违反《物业管理条例》第十一条" />
        </Form.Item>
        <RefusalAlert refusal={refusal} />
        <Button type="primary" danger htmlType="submit" loading={submitting}>
          作出决定并通告业主
        </Button>
      </Form>
    </Card>
  );
}
