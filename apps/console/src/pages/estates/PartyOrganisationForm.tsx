import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PARTY_ORGANISATION_KINDS,
  type PartyOrganisationKind,
} from '../../../../../libs/domain/src/party-organisations';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApi } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import type { Role } from '../../format/labels';

/** Who may record an estate's party organisation (PUT /estates/{id}/party-organisation's @Roles). */
export const PARTY_ORGANISATION_RECORDERS: readonly Role[] = ['community', 'street_office', 'housing_bureau', 'admin'];

type Values = { kind: PartyOrganisationKind; name: string; establishedOn: Dayjs };

/**
 * 小区党组织 (issue #20; counted in 小区党组织覆盖率): the community or an office above it records or corrects
 * it; the current record fills the form, and a refusal (an establishment date after today) goes beside its field.
 */
export function PartyOrganisationForm({
  estateId,
  current,
  onSaved,
}: {
  estateId: string;
  current: Schemas['PartyOrganisationResponse'] | null;
  onSaved: () => void;
}) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<Values>
      title={current ? '更正小区党组织' : '登记小区党组织'}
      fields={['kind', 'name', 'establishedOn']}
      submitLabel="保存登记"
      busyLabel="正在保存…"
      initialValues={
        current ? { kind: current.kind, name: current.name, establishedOn: dayjs(current.establishedOn) } : undefined
      }
      send={async ({ establishedOn, ...values }) => {
        await unwrap(
          api.PUT('/estates/{id}/party-organisation', {
            params: { path: { id: estateId } },
            body: { ...values, establishedOn: establishedOn.format('YYYY-MM-DD') },
          }),
        );
        message.success('小区党组织已登记');
        onSaved();
      }}
    >
      <Form.Item name="kind" label="党组织类型" rules={[{ required: true, message: '请选择党组织类型' }]}>
        <Select
          options={Object.entries(PARTY_ORGANISATION_KINDS).map(([value, label]) => ({ value, label }))}
          style={{ maxWidth: 280 }}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label="党组织名称"
        rules={[{ required: true, min: 2, max: 60, message: '请填写党组织名称（2 至 60 字）' }]}
      >
        <Input placeholder="如：湖景豪园小区党支部" maxLength={60} style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item name="establishedOn" label="成立日期" rules={[{ required: true, message: '请选择成立日期' }]}>
        <DatePicker placeholder="选择日期" />
      </Form.Item>
    </ActionForm>
  );
}
