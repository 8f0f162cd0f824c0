import { App, Button, Card, Empty, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { FORMATION_OBJECTION_SUBJECTS } from '../../../../../libs/domain/src/committee';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldsNamed, RefusalAlert, useRefusableSubmit } from '../../components/FormRefusal';
import { OwnerEstateScope } from '../../components/OwnerEstateScope';
import { FirstMeetingCard } from '../formation/FirstMeeting';
import { FormationPosting } from '../formation/FormationPosting';
import { useFormationState } from '../formation/useFormationState';

type ObjectionRequest = Schemas['FileFormationObjectionRequest'];

/**
 * 业委会组建公示, for owners on a phone: the posted roll, 筹备组 and candidates of their estate's formation, the
 * objections with the street office's answers, and an objection of their own while the posting runs (the
 * election does not open until every objection is answered); after the election, the elected members, and the
 * first meeting's 主任/副主任 recorded by one of them.
 */
export default function MyFormationPage() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/my/votes">← 返回表决列表</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        业委会组建公示
      </Typography.Title>
      <OwnerEstateScope>{(estateId) => <EstatePosting key={estateId} estateId={estateId} />}</OwnerEstateScope>
    </Space>
  );
}

function EstatePosting({ estateId }: { estateId: string }) {
  const api = useApi();
  const posting = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/committee-formation/posting', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs: 60_000 },
  );
  const formation = useFormationState(estateId, 60_000);
  // No formation in the estate is an answer, not a fault.
  if (posting.error?.code === 'PROCEDURE_NOT_FOUND') return <Empty description="本小区目前没有业委会组建。" />;
  if (posting.error) return <ErrorAlert error={posting.error} retry={posting.reload} />;
  if (!posting.data) return <Spin description="正在读取公示…" />;
  return (
    <>
      <FirstMeetingCard estateId={estateId} formation={formation} recordMember />
      {posting.data.postedOn ? (
        <>
          <FormationPosting posting={posting.data} />
          <RaiseObjection estateId={estateId} onRaised={posting.reload} />
        </>
      ) : (
        <Empty description="业委会组建尚未公示名册和候选人名单。" />
      )}
    </>
  );
}

function RaiseObjection({ estateId, onRaised }: { estateId: string; onRaised: () => void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionRequest>();
  const { submitting, refusal, run } = useRefusableSubmit(form, fieldsNamed(['subject', 'reason']));

  const raise = (body: ObjectionRequest) =>
    run(async () => {
      await unwrap(
        api.POST('/estates/{estateId}/committee-formation/objections', { params: { path: { estateId } }, body }),
      );
      message.success('异议已提交，街道答复前业主大会表决不会开启');
      form.resetFields();
      onRaised();
    });

  return (
    <Card title="提出异议">
      <Form form={form} layout="vertical" onFinish={(values) => void raise(values)}>
        <Form.Item name="subject" label="异议对象" rules={[{ required: true, message: '请选择对哪一项公示有异议' }]}>
          <Select
            placeholder="选择公示内容"
            options={Object.entries(FORMATION_OBJECTION_SUBJECTS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="异议理由">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：3号楼502室面积应为 98.36 平方米" />
        </Form.Item>
        <RefusalAlert refusal={refusal} />
        <Button type="primary" htmlType="submit" loading={submitting} block size="large">
          提交异议
        </Button>
      </Form>
    </Card>
  );
}
