import type { Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { formatSpan } from '../../format/time';

/** GET /tasks/mine's query, as the API declares it. */
export type TaskQuery = NonNullable<paths['/tasks/mine']['get']['parameters']['query']>;
export type TaskSort = NonNullable<TaskQuery['sort']>;
type ProcedureType = NonNullable<TaskQuery['procedureType']>;

/** An inbox row and the same row with its step (GET /tasks/{id}). */
export type Task = Schemas['TaskResponse'];
export type TaskDetail = Schemas['TaskDetailResponse'];

/** What the inbox page asks for: the API's filters, with the page and order always set. */
export type InboxQuery = Pick<TaskQuery, 'procedureType' | 'estateId' | 'stage' | 'overdue'> &
  Paged & { sort: TaskSort };

/** The server's own order when none is sent. */
export const DEFAULT_SORT: TaskSort = 'dueAt';

export const SORTS: Array<{ value: TaskSort; label: string }> = [
  { value: 'dueAt', label: '截止时间（最早在前）' },
  { value: '-dueAt', label: '截止时间（最晚在前）' },
  { value: '-openedAt', label: '收到时间（最新在前）' },
  { value: 'openedAt', label: '收到时间（最早在前）' },
];

// Every procedure type the API accepts; the compiler holds this to the generated union.
const PROCEDURE_TYPES: Record<ProcedureType, true> = {
  'estate-survey': true,
  'owners-vote': true,
  handover: true,
  'maintenance-fund-use': true,
  'maintenance-fund-top-up': true,
  'committee-formation': true,
  'committee-term': true,
  'interim-committee': true,
  complaint: true,
  'joint-enforcement': true,
  dispute: true,
  problem: true,
  'public-income-check': true,
  evaluation: true,
  'firm-exit': true,
};

function isProcedureType(value: string | null): value is ProcedureType {
  return value !== null && Object.hasOwn(PROCEDURE_TYPES, value);
}

function isSort(value: string | null): value is TaskSort {
  return SORTS.some((s) => s.value === value);
}

/** The inbox's filters and order, in the address; the server's own order is not written there. */
export function useInboxQuery(): [InboxQuery, (change: Partial<InboxQuery>) => void] {
  return useAddressQuery<InboxQuery>(
    (params) => {
      const type = params.get('procedureType');
      const sort = params.get('sort');
      return {
        procedureType: isProcedureType(type) ? type : undefined,
        estateId: params.get('estateId') ?? undefined,
        stage: params.get('stage') ?? undefined,
        overdue: params.get('overdue') === 'true' || undefined,
        sort: isSort(sort) ? sort : DEFAULT_SORT,
      };
    },
    { sort: DEFAULT_SORT },
  );
}

/** The request for a page of the inbox: open tasks; the default order is the server's, so it is not sent. */
export function taskQueryOf(query: InboxQuery): TaskQuery {
  return { status: 'open', ...query, sort: query.sort === DEFAULT_SORT ? undefined : query.sort };
}

/** 逾期 3 天 / 逾期 5 小时 for an overdue row (the API's `overdueBySeconds`), else null. */
export function overdueLabel(task: Pick<Task, 'overdue' | 'overdueBySeconds'>): string | null {
  if (!task.overdue) return null;
  return `逾期 ${formatSpan((task.overdueBySeconds ?? 0) * 1000)}`;
}
