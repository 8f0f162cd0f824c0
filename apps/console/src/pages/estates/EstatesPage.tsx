import { Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ESTATE_CLASS_OPTIONS, estateClassLabel } from '../../format/labels';
import { formatDate } from '../../format/time';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { serverPagination } from '../../components/server-pagination';

type Estate = Schemas['EstateSummaryResponse'];
type EstateQuery = Paged & { q?: string; jurisdictionCode?: string; estateClass?: string };

/** 小区: the estates the caller may see, searched by name, jurisdiction and class on the server. */
export default function EstatesPage() {
  const api = useApi();
  const [query, setQuery] = useAddressQuery<EstateQuery>((params) => ({
    q: params.get('q') ?? undefined,
    jurisdictionCode: params.get('jurisdictionCode') ?? undefined,
    estateClass: params.get('estateClass') ?? undefined,
  }));
  const jurisdictions = useRemote(() => unwrap(api.GET('/jurisdictions')), [api]);
  const list = useRemote(() => unwrap(api.GET('/estates', { params: { query } })), [api, JSON.stringify(query)]);
  const filtered = Boolean(query.q || query.jurisdictionCode || query.estateClass);

  return (
    <>
      <Typography.Title level={2}>小区</Typography.Title>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search" aria-label="查找小区">
        <Input.Search
          aria-label="小区名称"
          placeholder="按小区名称查找"
          defaultValue={query.q}
          allowClear
          onSearch={(q) => setQuery({ q: q.trim() || undefined })}
          style={{ width: 260 }}
        />
        <Select
          aria-label="辖区"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部辖区"
          value={query.jurisdictionCode}
          onChange={(v) => setQuery({ jurisdictionCode: v })}
          options={(jurisdictions.data ?? []).map((j) => ({ value: j.code, label: `${j.name}（${j.levelLabel}）` }))}
          style={{ minWidth: 240 }}
        />
        <Select
          aria-label="分类"
          allowClear
          placeholder="全部分类"
          value={query.estateClass}
          onChange={(v) => setQuery({ estateClass: v })}
          options={ESTATE_CLASS_OPTIONS}
          style={{ minWidth: 160 }}
        />
      </Flex>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Estate>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: filtered ? '没有符合条件的小区：请换个名称或放宽筛选。' : '您的辖区内尚未登记小区。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '个小区')}
        columns={[
          { title: '小区', render: (_, e) => <Link to={`/estates/${e.id}`}>{e.name}</Link> },
          { title: '所在社区（村）', dataIndex: 'jurisdictionName' },
          {
            title: '分类',
            render: (_, e) => (e.estateClass ? <Tag color="blue">{estateClassLabel(e.estateClass)}</Tag> : '未定级'),
          },
          { title: '首套交付', render: (_, e) => formatDate(e.firstDeliveryDate) },
        ]}
      />
    </>
  );
}
