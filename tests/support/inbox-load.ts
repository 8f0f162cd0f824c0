import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { newContext } from './browser';

/** The office whose inbox is loaded: 梅岭街道 (seed), so the other browser tests' inboxes stay as they were. */
export const LOAD_OFFICE_USER = 'meiling-clerk';

/**
 * One open street-office step per seeded procedure, four procedures per synthetic estate — the steps the
 * workflows address to a street office, with their titles, stages and Update names.
 */
const STEPS = [
  {
    type: 'estate-survey',
    typeLabel: '小区摸底建档',
    stage: 'classify',
    stageLabel: '街道分类定级',
    update: 'classifyEstate',
    title: (estate: string) => `给${estate}分类定级`,
  },
  {
    type: 'committee-formation',
    typeLabel: '业委会组建',
    stage: 'prep_group',
    stageLabel: '组建筹备组',
    update: 'formPrepGroup',
    title: (estate: string) => `组建${estate}首次业主大会会议筹备组`,
  },
  {
    type: 'committee-term',
    typeLabel: '业委会任期与换届',
    stage: 'order_reelection',
    stageLabel: '责令换届',
    update: 'orderReelection',
    title: () => '责令换届',
  },
  {
    type: 'maintenance-fund-use',
    typeLabel: '维修资金使用',
    stage: 'confirmation',
    stageLabel: '应急情况确认',
    update: 'decideFundUse',
    title: (estate: string) => `确认${estate}应急维修：屋面防水损坏造成渗漏`,
  },
] as const;

export interface SeededInbox {
  /** Open tasks seeded. */
  tasks: number;
  /** The office's open tasks past their due time, the seeded and any others: what 只看逾期 totals. */
  overdue: number;
  /** Removes what was seeded (tasks, procedures, estates). */
  remove(): Promise<void>;
}

/**
 * `count` open tasks (a multiple of 4) for the office of `username`, in `count / 4` synthetic estates
 * (（合成）压测小区00001…, so once per database) spread over the office's communities, straight into the read
 * model the inbox lists (procedures, tasks): no workflow runs behind them, so they are for reading only. About
 * two in five are overdue (by 1–20 days), the rest due within 1–15 days; opened over the last 30 days.
 */
export async function seedOpenTasks(
  dataSource: DataSource,
  count: number,
  { username = LOAD_OFFICE_USER } = {},
): Promise<SeededInbox> {
  if (count % STEPS.length) throw new Error(`count must be a multiple of ${STEPS.length}`);
  const [office] = await dataSource.query(
    `SELECT u.role, u.organisation_id, j.path FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code WHERE u.username = $1`,
    [username],
  );
  if (!office) throw new Error(`no user ${username}`);
  const estateIds: string[] = [];
  await dataSource.transaction(async (m) => {
    const estates: Array<{ id: string }> = await m.query(
      `WITH communities AS (
         SELECT code, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n
           FROM jurisdictions WHERE path LIKE $2 AND level = 'community')
       INSERT INTO estates (name, jurisdiction_code, jurisdiction_path, synthetic)
       SELECT '（合成）压测小区' || lpad(g::text, 5, '0'), c.code, c.path, true
         FROM generate_series(1, $1::int) g JOIN communities c ON c.i = g % c.n
       RETURNING id`,
      [count / STEPS.length, `${office.path}%`],
    );
    estateIds.push(...estates.map((e) => e.id));
    for (const [s, step] of STEPS.entries()) {
      await m.query(
        `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title,
                                 stage, stage_label, status, due_at, started_at, updated_at, last_seq)
         SELECT $2::text || '-' || e.id, $2, e.id, e.jurisdiction_code, e.jurisdiction_path,
                e.name || ' ' || $3::text, $4, $5, 'running', NULL, now() - interval '40 days', now(), 1
           FROM estates e WHERE e.id = ANY($1::uuid[])`,
        [estateIds, step.type, step.typeLabel, step.stage, step.stageLabel],
      );
      // Task n (0-based over all seeded tasks): overdue when n % 5 < 2, by a spread of days and hours (hash of n).
      await m.query(
        `WITH seeded AS (
           SELECT e.id, e.name, e.jurisdiction_code, e.jurisdiction_path,
                  (row_number() OVER (ORDER BY e.name) - 1) * $7::int + $8::int AS n
             FROM estates e WHERE e.id = ANY($1::uuid[]))
         INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                            jurisdiction_path, update_name, due_at, opened_at)
         SELECT $2::text || '-' || s.id, $3, 'step', replace($4::text, '{estate}', s.name), $5, $6, s.jurisdiction_code,
                s.jurisdiction_path, $3,
                CASE WHEN s.n % 5 < 2 THEN now() - (1 + s.h % 20) * interval '1 day' - (s.h % 24) * interval '1 hour'
                     ELSE now() + (1 + s.h % 15) * interval '1 day' + (s.h % 24) * interval '1 hour' END,
                now() - (1 + s.h % 30) * interval '1 day'
           FROM (SELECT *, hashint4(n::int) & 2147483647 AS h FROM seeded) s`,
        [
          estateIds,
          step.type,
          step.update,
          step.title('{estate}'),
          office.role,
          office.organisation_id,
          STEPS.length,
          s,
        ],
      );
    }
  });
  const [{ overdue }] = await dataSource.query(
    `SELECT count(*)::int AS overdue FROM tasks t
      WHERE t.status = 'open' AND t.due_at < now() AND t.assignee_role = $1
        AND t.assignee_organisation_id IS NOT DISTINCT FROM $2 AND t.jurisdiction_path LIKE $3`,
    [office.role, office.organisation_id, `${office.path}%`],
  );
  return {
    tasks: count,
    overdue,
    async remove() {
      await dataSource.transaction(async (m) => {
        const ids = `SELECT workflow_id FROM procedures WHERE estate_id = ANY($1::uuid[])`;
        await m.query(`DELETE FROM tasks WHERE workflow_id IN (${ids})`, [estateIds]);
        await m.query(`DELETE FROM procedures WHERE estate_id = ANY($1::uuid[])`, [estateIds]);
        await m.query(`DELETE FROM estates WHERE id = ANY($1::uuid[])`, [estateIds]);
      });
    },
  };
}

/** What the console keeps in sessionStorage after a login (auth/AuthContext.tsx). */
export interface ConsoleSession {
  token: string;
  userId: string;
  username: string;
  role: string;
  displayName: string;
}

export async function consoleSessionOf(
  dataSource: DataSource,
  username: string,
  token: string,
): Promise<ConsoleSession> {
  const [user] = await dataSource.query(
    `SELECT id AS "userId", username, role, display_name AS "displayName" FROM users WHERE username = $1`,
    [username],
  );
  return { token, ...user };
}

export interface InboxTiming {
  /** From navigation start to the first page of rows in the table. */
  rowsMs: number;
  /** From the click on 只看逾期 to the table showing only overdue rows, with their total. */
  filterMs: number;
  /** Main-thread tasks over 50 ms until the rows showed: how many, and the longest. */
  longTasks: number;
  longestTaskMs: number;
}

const ROWS = '.ant-table-tbody tr[data-row-key]';

/** What the in-page watcher writes (window.__inbox), in ms since navigation start. */
interface InboxMarks {
  rowsAt?: number;
  clickAt?: number;
  filteredAt?: number;
  longTasks: number[];
}

/** The few browser globals the watcher uses (the tests are compiled without the DOM library). */
interface PageGlobals {
  __inbox: InboxMarks;
  document: {
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
    querySelector(selector: string): { textContent: string | null } | null;
    addEventListener(type: 'click', listener: (event: { target: unknown }) => void, capture: boolean): void;
  };
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number }> }) => void) => {
    observe(options: object): void;
  };
}

/**
 * Watches the page from its first byte (an init script): when the table first holds `rows` rows, when the
 * 只看逾期 checkbox is clicked, and when afterwards every row is overdue and the total reads `共 {overdue} 项`
 * — each at the next animation frame, i.e. when it can be painted.
 */
function watchInbox({ rows, overdue, selector }: { rows: number; overdue: number; selector: string }) {
  const page = globalThis as unknown as PageGlobals;
  const marks: InboxMarks = { longTasks: [] };
  page.__inbox = marks;
  try {
    new page.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (marks.rowsAt === undefined) marks.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the count stays empty.
  }
  const atNextFrame = (key: 'rowsAt' | 'filteredAt') =>
    page.requestAnimationFrame(() => (marks[key] ??= performance.now()));
  page.document.addEventListener(
    'click',
    (event) => {
      const target = event.target as { closest?(selector: string): unknown } | null;
      if (target?.closest?.('.ant-checkbox-wrapper')) marks.clickAt ??= performance.now();
    },
    true,
  );
  new page.MutationObserver(() => {
    const shown = Array.from(page.document.querySelectorAll(selector));
    if (marks.rowsAt === undefined && shown.length >= rows) atNextFrame('rowsAt');
    if (marks.clickAt !== undefined && marks.filteredAt === undefined) {
      const total = page.document.querySelector('.ant-pagination-total-text')?.textContent ?? '';
      const allOverdue = shown.length > 0 && shown.every((row) => row.getAttribute('data-overdue') === 'true');
      if (allOverdue && total.replace(/\s/g, '') === `共${overdue}项`) atNextFrame('filteredAt');
    }
  }).observe(page.document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/**
 * Opens 我的待办 in a fresh browser profile logged in as `session` (the session put where a login leaves it),
 * `runs` times; the first run loads everything cold, the others from the browser's cache. Returns each run.
 */
export async function timeInbox(
  browser: Browser,
  inboxUrl: string,
  session: ConsoleSession,
  { runs = 5, pageSize = 20, overdue }: { runs?: number; pageSize?: number; overdue: number },
): Promise<{ runs: InboxTiming[]; page: Page }> {
  const context = await newContext(browser);
  await context.addInitScript((s) => sessionStorage.setItem('wuye-console-session', s), JSON.stringify(session));
  await context.addInitScript(watchInbox, { rows: pageSize, overdue, selector: ROWS });
  const page = await context.newPage();
  const timings: InboxTiming[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${inboxUrl}${pageSize === 20 ? '' : `?pageSize=${pageSize}`}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__inbox.rowsAt !== undefined, null, {
      timeout: 30_000,
    });
    await page.getByRole('checkbox', { name: '只看逾期' }).click();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__inbox.filteredAt !== undefined, null, {
      timeout: 30_000,
    });
    const marks = await page.evaluate(() => {
      const { rowsAt, clickAt, filteredAt, longTasks } = (globalThis as unknown as PageGlobals).__inbox;
      return {
        rowsAt: rowsAt!,
        clickAt: clickAt!,
        filteredAt: filteredAt!,
        longTasks: longTasks.length,
        longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
      };
    });
    timings.push({
      rowsMs: Math.round(marks.rowsAt),
      filterMs: Math.round(marks.filteredAt - marks.clickAt),
      longTasks: marks.longTasks,
      longestTaskMs: Math.round(marks.longestTaskMs),
    });
  }
  return { runs: timings, page };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** One line per page size: cold, then the median of the warm runs. */
export function describeTimings(label: string, runs: InboxTiming[]): string {
  const [cold, ...warm] = runs;
  const warmRows = warm.length ? median(warm.map((r) => r.rowsMs)) : NaN;
  const warmFilter = warm.length ? median(warm.map((r) => r.filterMs)) : NaN;
  return (
    `${label}：打开至表格出行 首次 ${cold.rowsMs} ms、缓存后中位 ${warmRows} ms；` +
    `点“只看逾期”至结果 首次 ${cold.filterMs} ms、其后中位 ${warmFilter} ms；` +
    `首次加载中超过 50 ms 的主线程任务 ${cold.longTasks} 个（最长 ${cold.longestTaskMs} ms）`
  );
}
