import { App, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EXIT_GROUNDS } from '../../../../../libs/domain/src/firm-exit';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { CaseFilters, DueAt } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EstateSelect } from '../../components/EstateSelect';
import { serverPagination } from '../../components/server-pagination';
import { formatDateTime } from '../../format/time';

type FirmExit = Schemas['FirmExitResponse'];
type FirmExitQuery = NonNullable<import('../../api/schema').paths['/firm-exits']['get']['parameters']['query']>;

/** Who starts a 清退 (POST /estates/{id}/firm-exits). */
const STARTERS = ['street_office', 'admin'];

/** The start's refusals name no field of the body; each goes beside the field it concerns. */
const START_REFUSAL_FIELDS: Record<string, string> = {
  EXIT_NOT_WARRANTED: 'estateId',
  NO_PROPERTY_FIRM: 'estateId',
  NO_STREET_OFFICE: 'estateId',
  ESTATE_NOT_FOUND: 'estateId',
  PROCEDURE_ALREADY_RUNNING: 'estateId',
  SUCCESSOR_INVALID: 'successorOrganisationId',
  FIRM_RESTRICTED: 'successorOrganisationId',
  DOCUMENT_MISMATCH: 'seriousEvent',
};

/** The ground in a line: the failed months in figures, or that an event was stated. */
export const groundText = (x: Pick<FirmExit, 'ground' | 'failedMonths'>) =>
  x.ground === 'failed_months'
    ? `精细化考评连续 ${x.failedMonths} 个月不达标`
    : EXIT_GROUNDS[x.ground as keyof typeof EXIT_GROUNDS];

/**
 * 清退 (seed 001 (五), seed 004 §14): the 清退 the caller may read — an office those of its jurisdiction, a firm
 * those it leaves or takes over — by state, stage and estate; a street office starts one for an estate here.
 */
export default function FirmExitsPage() {
  const api = useApi();
  const session = useSession();
  const [query, setQuery] = useAddressQuery<FirmExitQuery & Paged>((params) => ({
    stage: (params.get('stage') ?? undefined) as FirmExitQuery['stage'],
    status: (params.get('status') ?? undefined) as FirmExitQuery['status'],
    estateId: params.get('estateId') ?? undefined,
    sort: (params.get('sort') ?? 'startedAt') as FirmExitQuery['sort'],
    order: (params.get('order') ?? 'desc') as FirmExitQuery['order'],
  }));
  const list = useRemote(() => unwrap(api.GET('/firm-exits', { params: { query } })), [api, JSON.stringify(query)]);

  return (
    <>
      <Typography.Title level={2}>清退</Typography.Title>
      <Typography.Paragraph type="secondary">
        物业服务企业在小区精细化考评连续不达标达到本地月数，或发生严重事件的，由街道（乡镇）启动清退：告知企业并公示，业主共同决定是否解聘，通过的由企业办理退出交接（民法典第九百四十九条）。
      </Typography.Paragraph>
      {STARTERS.includes(session.role) && <StartForm />}
      <CaseFilters
        label="筛选清退"
        procedureType="firm-exit"
        query={query}
        setQuery={setQuery}
        sortOptions={[
          { value: 'startedAt:desc', label: '启动时间（最新在前）' },
          { value: 'dueAt:asc', label: '阶段期限（最早在前）' },
        ]}
      >
        {null}
      </CaseFilters>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<FirmExit>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无清退。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '件')}
        columns={[
          {
            title: '小区',
            render: (_, x) => <Link to={`/firm-exits/${x.id}`}>{x.estateName}</Link>,
          },
          { title: '物业服务企业', dataIndex: 'firmName' },
          { title: '依据', render: (_, x) => groundText(x) },
          { title: '当前阶段', render: (_, x) => <Tag>{x.stageLabel}</Tag> },
          { title: '阶段期限', render: (_, x) => <DueAt status={x.status} dueAt={x.dueAt} /> },
          { title: '启动时间', render: (_, x) => formatDateTime(x.startedAt) },
        ]}
      />
    </>
  );
}

interface StartValues {
  estateId: string;
  seriousEvent?: string;
  successorOrganisationId?: string;
}

/** The street office's start: the estate (its firm's failed months are the API's to count), an event, a successor. */
function StartForm() {
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <ActionForm<StartValues>
      title="启动清退"
      fields={['estateId', 'seriousEvent', 'successorOrganisationId']}
      submitLabel="启动清退"
      busyLabel="正在启动…"
      codeFields={START_REFUSAL_FIELDS}
      send={async ({ estateId, seriousEvent, successorOrganisationId }) => {
        const started = await unwrap(
          api.POST('/estates/{estateId}/firm-exits', {
            params: { path: { estateId } },
            body: { seriousEvent: seriousEvent || undefined, successorOrganisationId },
          }),
        );
        message.success('已启动清退，已告知企业并在小区公示栏公示');
        navigate(`/firm-exits/${started.exitId}`);
      }}
    >
      <Form.Item
        name="estateId"
        label="小区"
        extra="该小区登记的物业服务企业；连续不达标月数由系统按考评结果计算"
        rules={[{ required: true, message: '请选择小区' }]}
      >
        <EstateSelect placeholder="按名称查找小区" />
      </Form.Item>
      <Form.Item name="seriousEvent" label="严重事件" extra="未达到连续不达标月数时必填：经过、时间、后果">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="successorOrganisationId"
        label="接管的物业服务企业"
        extra="不选则由业委会接收，没有业委会的由街道代业主接收"
      >
        <SuccessorSelect />
      </Form.Item>
    </ActionForm>
  );
}

/** A registered property firm, searched by name (the public credit query lists them with their grade). */
function SuccessorSelect(props: { id?: string; value?: string; onChange?(value: string | undefined): void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const { data, loading } = useRemote(
    () => unwrap(api.GET('/credit/firms', { params: { query: { name: name || undefined, pageSize: 20 } } })),
    [api, name],
  );
  return (
    <Select
      id={props.id}
      aria-label="接管的物业服务企业"
      showSearch={{ filterOption: false, onSearch: setName }}
      allowClear
      placeholder="不选：由业委会或街道接收"
      value={props.value}
      onChange={(value) => props.onChange?.(value ?? undefined)}
      loading={loading}
      options={(data?.items ?? []).map((f) => ({ value: f.organisationId, label: `${f.name}（信用 ${f.grade}）` }))}
      style={{ minWidth: 260 }}
    />
  );
}
