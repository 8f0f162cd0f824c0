/**
 * Every date and time the console shows, in Beijing time: dates as 2026年12月1日, times as
 * 2026年12月1日 14:05. One module, so no page formats a date its own way.
 */
const BEIJING = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: BEIJING,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(value: string | number | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2026年12月1日; a calendar date (YYYY-MM-DD) is shown as it is, an instant in Beijing time. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const dateOnly = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (dateOnly) return `${Number(dateOnly[1])}年${Number(dateOnly[2])}月${Number(dateOnly[3])}日`;
  const p = beijingParts(value);
  return p ? `${p.year}年${Number(p.month)}月${Number(p.day)}日` : '—';
}

/** 2026年12月1日 14:05 in Beijing time. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = beijingParts(value);
  return p ? `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}` : '—';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in the largest whole unit: 3 天, 5 小时, 12 分钟. */
export function formatSpan(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)} 天`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)} 小时`;
  return `${Math.max(1, Math.floor(ms / MINUTE))} 分钟`;
}

/** 逾期 3 天 when the due time has passed, else null. */
export function overdueText(dueAt: string | null | undefined, now: number = Date.now()): string | null {
  if (!dueAt) return null;
  const late = now - new Date(dueAt).getTime();
  return late > 0 ? `逾期 ${formatSpan(late)}` : null;
}

/** 剩余 2 天 before the due time, else the overdue text. */
export function dueText(dueAt: string | null | undefined, now: number = Date.now()): string | null {
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  return left > 0 ? `剩余 ${formatSpan(left)}` : overdueText(dueAt, now);
}
