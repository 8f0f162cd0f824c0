// Owns calendar_years and calendar_days (reads tasks for the provisional deadlines to recount).
import { readFileSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { workCalendarOf, type ScheduleDay, type WorkCalendar, type YearSchedule } from '../../domain/src/calendar';

/** Who touches calendar_years and calendar_days: the seed, the admin's registration, and deadline computation. */

type Db = DataSource | EntityManager;

export interface CalendarYear {
  year: number;
  source: string;
  registeredAt: string;
  restDays: number;
  workDays: number;
}

export async function listCalendarYears(db: Db): Promise<CalendarYear[]> {
  const rows: Array<{ year: number; source: string; registered_at: Date; rest: number; work: number }> = await db.query(
    `SELECT y.year, y.source, y.registered_at,
            count(*) FILTER (WHERE d.kind = 'rest')::int AS rest, count(*) FILTER (WHERE d.kind = 'work')::int AS work
       FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
      GROUP BY y.year ORDER BY y.year`,
  );
  return rows.map((r) => ({
    year: r.year,
    source: r.source,
    registeredAt: r.registered_at.toISOString(),
    restDays: r.rest,
    workDays: r.work,
  }));
}

export async function calendarYearDays(
  db: Db,
  year: number,
): Promise<{ restDays: ScheduleDay[]; workDays: ScheduleDay[] } | null> {
  const [known] = await db.query(`SELECT 1 FROM calendar_years WHERE year = $1`, [year]);
  if (!known) return null;
  const rows: Array<{ day: string; kind: 'rest' | 'work'; name: string }> = await db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_days WHERE year = $1 ORDER BY day`,
    [year],
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ date: r.day, name: r.name }));
  return { restDays: of('rest'), workDays: of('work') };
}

/** Registers a year's schedule; false when that year is already on record (nothing is written then). */
export async function registerCalendarYear(
  db: DataSource,
  input: {
    year: number;
    source: string;
    registeredBy: string | null;
    restDays: ScheduleDay[];
    workDays: ScheduleDay[];
  },
): Promise<boolean> {
  return db.transaction(async (m) => {
    const inserted: unknown[] = await m.query(
      `INSERT INTO calendar_years (year, source, registered_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING year`,
      [input.year, input.source, input.registeredBy],
    );
    if (inserted.length === 0) return false;
    const days = [
      ...input.restDays.map((d) => ({ day: d.date, kind: 'rest', name: d.name })),
      ...input.workDays.map((d) => ({ day: d.date, kind: 'work', name: d.name })),
    ];
    await m.query(
      `INSERT INTO calendar_days (day, year, kind, name)
       SELECT d.day, $2, d.kind, d.name FROM jsonb_to_recordset($1::jsonb) AS d(day date, kind text, name text)`,
      [JSON.stringify(days), input.year],
    );
    return true;
  });
}

/**
 * The calendar as deadline computation needs it. Read afresh only when the set of years changed (one cheap
 * query a call), so a registration is seen by the next deadline on every worker.
 */
export function createCalendarReader(db: Db): () => Promise<WorkCalendar> {
  let cached: { version: string; calendar: WorkCalendar } | null = null;
  return async () => {
    const [{ version }] = await db.query(
      `SELECT count(*) || ':' || coalesce(max(registered_at)::text, '') AS version FROM calendar_years`,
    );
    const hit = cached;
    if (hit && hit.version === version) return hit.calendar;
    const years: Array<{ year: number }> = await db.query(`SELECT year FROM calendar_years`);
    const days: Array<{ year: number; day: string; kind: string }> = await db.query(
      `SELECT year, to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days`,
    );
    const daysOf = (year: number, kind: string) =>
      days.filter((d) => d.year === year && d.kind === kind).map((d) => ({ date: d.day, name: '' }));
    const calendar = workCalendarOf(
      years.map(({ year }) => ({ year, restDays: daysOf(year, 'rest'), workDays: daysOf(year, 'work') })),
    );
    cached = { version, calendar };
    return calendar;
  };
}

/** Procedures with an open task whose due time is provisional: the ones to tell when a year is registered. */
export async function workflowsWithProvisionalDeadlines(db: Db): Promise<string[]> {
  const rows: Array<{ workflow_id: string }> = await db.query(
    `SELECT DISTINCT workflow_id FROM tasks WHERE status = 'open' AND due_provisional`,
  );
  return rows.map((r) => r.workflow_id);
}

/**
 * The years the installed chinese-days release covers, each with its holidays and 调休 days. The package's
 * data file is read directly: its functions answer for any year, its data says which years it knows.
 */
export function chineseDaysSchedules(): Array<YearSchedule & { source: string }> {
  const pkg = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const nameOf = (entry: string) => entry.split(',')[1] ?? entry;
  const byYear = new Map<number, { restDays: ScheduleDay[]; workDays: ScheduleDay[] }>();
  const yearEntry = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, { restDays: [], workDays: [] });
    return byYear.get(year)!;
  };
  for (const [date, entry] of Object.entries(data.holidays))
    yearEntry(date).restDays.push({ date, name: nameOf(entry) });
  for (const [date, entry] of Object.entries(data.workdays))
    yearEntry(date).workDays.push({ date, name: nameOf(entry) });
  return [...byYear].map(([year, days]) => ({ year, source: `chinese-days@${pkg.version}`, ...days }));
}

/** Seeds every year the installed chinese-days covers and the table lacks; returns the years added. */
export async function seedCalendarFromChineseDays(db: DataSource): Promise<number[]> {
  const added: number[] = [];
  for (const schedule of chineseDaysSchedules()) {
    if (await registerCalendarYear(db, { ...schedule, registeredBy: null })) added.push(schedule.year);
  }
  return added;
}
