import { Flex, Select, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useProcedureTypes } from '../api/catalogue';
import { formatDateTime, overdueText } from '../format/time';
import { EstateSelect } from './EstateSelect';

/** A case's due time, with 逾期 N 天 in red while it is still running. */
export function DueAt({ status, dueAt }: { status: string; dueAt: string | null | undefined }) {
  const overdue = status === 'running' ? overdueText(dueAt) : null;
  return (
    <>
      {formatDateTime(dueAt)} {overdue && <Tag color="red">{overdue}</Tag>}
    </>
  );
}

/** The month before this one, Beijing time (YYYY-MM): the last whole month the figures can report. */
export function lastMonth(): string {
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  beijing.setUTCDate(1);
  beijing.setUTCMonth(beijing.getUTCMonth() - 1);
  return beijing.toISOString().slice(0, 7);
}

/** A percent the server may not be able to give yet (no cases in the month). */
export const formatPercent = (value: number | null) => (value === null ? '—' : `${value}%`);

/**
 * One filter of a case list: a clearable choice among labelled values (a record of labels, or options in the
 * order to show), its placeholder standing for "all".
 */
export function FilterSelect<Value extends string>({
  label,
  placeholder,
  value,
  onChange,
  options,
  minWidth = 140,
}: {
  label: string;
  placeholder: string;
  value: Value | undefined;
  onChange(value: Value | undefined): void;
  options: Readonly<Record<Value, string>> | ReadonlyArray<{ value: Value; label: string }>;
  minWidth?: number;
}) {
  const choices = Array.isArray(options)
    ? options
    : Object.entries(options as Record<Value, string>).map(([v, l]) => ({ value: v as Value, label: l as string }));
  return (
    <Select
      aria-label={label}
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      options={choices}
      style={{ minWidth }}
    />
  );
}

interface CaseQuery<Sort extends string> {
  stage?: string;
  status?: 'running' | 'completed';
  estateId?: string;
  sort?: Sort;
  order?: 'asc' | 'desc';
}

/**
 * The filter bar of a list of one kind of case (投诉信访, 吹哨, 问题清单, 纠纷调解): its own filters first
 * (`children`), then — for a list by procedure stage (`procedureType`) — stage and status, then estate and the
 * sort orders it offers, all kept in the address by the page's `useAddressQuery`.
 */
export function CaseFilters<Sort extends string>(props: {
  label: string;
  procedureType?: string;
  query: CaseQuery<Sort>;
  setQuery(change: Partial<CaseQuery<Sort>>): void;
  sortOptions: Array<{ value: `${Sort}:${'asc' | 'desc'}`; label: string }>;
  children: ReactNode;
}) {
  const { query, setQuery } = props;
  return (
    <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} role="search" aria-label={props.label}>
      {props.children}
      {props.procedureType && <StageAndStatus procedureType={props.procedureType} query={query} setQuery={setQuery} />}
      <EstateSelect value={query.estateId} onChange={(v) => setQuery({ estateId: v })} />
      <Select
        aria-label="排序"
        value={`${query.sort}:${query.order}`}
        onChange={(v) => {
          const [sort, order] = v.split(':') as [Sort, 'asc' | 'desc'];
          setQuery({ sort, order });
        }}
        options={props.sortOptions}
        style={{ minWidth: 180 }}
      />
    </Flex>
  );
}

/** A procedure's stage and whether it is still running. */
function StageAndStatus({
  procedureType,
  query,
  setQuery,
}: {
  procedureType: string;
  query: Pick<CaseQuery<string>, 'stage' | 'status'>;
  setQuery(change: Pick<CaseQuery<string>, 'stage' | 'status'>): void;
}) {
  const catalogue = useProcedureTypes();
  return (
    <>
      <Select
        aria-label="阶段"
        allowClear
        placeholder="全部阶段"
        value={query.stage}
        onChange={(v) => setQuery({ stage: v })}
        options={catalogue.stageOptions(procedureType)}
        style={{ minWidth: 160 }}
      />
      <Select
        aria-label="办理状态"
        allowClear
        placeholder="全部状态"
        value={query.status}
        onChange={(v) => setQuery({ status: v })}
        options={[
          { value: 'running', label: '办理中' },
          { value: 'completed', label: '已办结' },
        ]}
        style={{ minWidth: 120 }}
      />
    </>
  );
}
