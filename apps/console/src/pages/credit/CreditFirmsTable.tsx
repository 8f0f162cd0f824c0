import { Input, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverPagination } from '../../components/server-pagination';

type Firm = Schemas['CreditFirmResponse'];

export const GRADE_COLOURS: Record<string, string> = { AAA: 'green', AA: 'cyan', A: 'blue', B: 'orange', C: 'red' };

/** The public credit query (GET /credit/firms): firms by name, a page at a time; `name` renders the firm's cell. */
export function CreditFirmsTable({ name }: { name?: (firm: Firm) => ReactNode }) {
  const api = useApi();
  const [query, setQuery] = useAddressQuery<{ name?: string } & Paged>((params) => ({
    name: params.get('name') ?? undefined,
  }));
  const firms = useRemote(() => unwrap(api.GET('/credit/firms', { params: { query } })), [api, JSON.stringify(query)]);
  return (
    <>
      <Input.Search
        aria-label="企业名称"
        placeholder="按企业名称查询"
        allowClear
        defaultValue={query.name}
        onSearch={(value) => setQuery({ name: value.trim() || undefined })}
        style={{ maxWidth: 360, marginBottom: 16 }}
        enterButton="查询"
      />
      {firms.error && <ErrorAlert error={firms.error} retry={firms.reload} />}
      <Table<Firm>
        rowKey="organisationId"
        loading={firms.loading}
        dataSource={firms.data?.items ?? []}
        locale={{ emptyText: '没有符合条件的企业。' }}
        pagination={serverPagination(query, firms.data?.total, setQuery, '家')}
        columns={[
          { title: '企业名称', render: (_, f) => name?.(f) ?? f.name },
          { title: '信用分', dataIndex: 'points' },
          { title: '信用等级', render: (_, f) => <Tag color={GRADE_COLOURS[f.grade]}>{f.grade}</Tag> },
        ]}
      />
    </>
  );
}
