import type { Period } from './period';

/**
 * 清退 of a failing property firm (seed 001 (五) "按规定启动清退程序"; seed 004 §14 退出管理): the street office
 * starts it for an estate's firm that failed the 考评 M months in a row there, or on a serious event it states;
 * the firm is told and the notice posted, the owners decide on 解聘 (民法典 art 278 (4)), and a firm dismissed
 * hands back the documents, funds, keys and 物业服务用房 within a reasonable period (民法典 art 949; 物业管理条例
 * arts 38–39). Pure rules; every number is locality policy [L].
 */
export interface FirmExitPolicy {
  /** The firm and the owners are told this long before the owners' vote opens [L]. */
  noticePeriod: Period;
  /** 民法典 art 949 "合理期限": the firm hands over within this period of the owners' decision [L]. */
  handoverPeriod: Period;
  /** The receiver checks a submitted list within this period [L]. */
  confirmationPeriod: Period;
  /** Points the 清退 itself takes off the firm's credit file [L]. */
  exitCreditPoints: number;
  /** Points a handover later than `handoverPeriod` takes off it (拒不退出 or late, 民法典 art 949 ¶2) [L]. */
  lateHandoverCreditPoints: number;
}

export const DEFAULT_FIRM_EXIT_POLICY: FirmExitPolicy = {
  noticePeriod: { days: 15, unit: 'calendar' },
  handoverPeriod: { days: 30, unit: 'calendar' },
  confirmationPeriod: { days: 5, unit: 'working' },
  exitCreditPoints: 10,
  lateHandoverCreditPoints: 10,
};

/** Why a 清退 may start: the 考评's failed months in a row at the estate, or a serious event the office states. */
export type ExitGround = { kind: 'failed_months'; months: number } | { kind: 'serious_event'; reason: string };

export const EXIT_GROUNDS = { failed_months: '考评连续不达标', serious_event: '发生严重事件' } as const;

/**
 * Whether a 清退 is warranted: the firm failed `exitAfterFailedMonths` months in a row at the estate (ending with
 * its latest result there), or the office states a serious event (at least a sentence). Answers the ground, or
 * the zh-CN reason it is not warranted.
 */
export function exitWarrant(
  exitAfterFailedMonths: number,
  failedInRow: number,
  seriousEvent: string | null | undefined,
): { ground: ExitGround } | { refused: string } {
  const reason = typeof seriousEvent === 'string' ? seriousEvent.trim() : '';
  if (reason.length >= 4) return { ground: { kind: 'serious_event', reason } };
  if (failedInRow >= exitAfterFailedMonths) return { ground: { kind: 'failed_months', months: failedInRow } };
  return {
    refused:
      `该企业在本小区精细化考评连续不达标 ${failedInRow} 个月，未达到启动清退的 ${exitAfterFailedMonths} 个月` +
      (reason ? '；严重事件请写明经过（至少4个字）' : '，也未说明发生严重事件'),
  };
}

/** What a leaving firm hands back (民法典 art 949; 物业管理条例 art 38–39). */
export const HANDOVER_ITEM_KINDS = {
  documents: '物业服务所必需的相关资料',
  funds: '预收费用及代管资金',
  keys_facilities: '钥匙及相关设施设备',
  service_premises: '物业服务用房',
} as const;
export type HandoverItemKind = keyof typeof HANDOVER_ITEM_KINDS;

/** The kinds every list names: art 949 names 资料 and 物业服务用房 outright. */
const REQUIRED_KINDS: HandoverItemKind[] = ['documents', 'service_premises'];

export interface ExitHandoverItem {
  kind: HandoverItemKind;
  description: string;
  /** Funds only: the amount handed over, in fen. */
  amountFen?: number | null;
  quantity?: number | null;
}

/** Why a submitted list cannot be taken. */
export function handoverListProblems(items: unknown): string[] {
  if (!Array.isArray(items) || items.length === 0) return ['请逐项列明移交的资料、资金、钥匙设施和物业服务用房'];
  const problems: string[] = [];
  items.forEach((raw: Partial<ExitHandoverItem>, i) => {
    const n = `第 ${i + 1} 项`;
    if (!raw || !Object.prototype.hasOwnProperty.call(HANDOVER_ITEM_KINDS, raw.kind ?? '')) {
      problems.push(`${n}类别不明`);
      return;
    }
    if (typeof raw.description !== 'string' || raw.description.trim().length < 2) problems.push(`${n}请写明内容`);
    if (raw.kind === 'funds' && (!Number.isSafeInteger(raw.amountFen) || (raw.amountFen as number) < 0))
      problems.push(`${n}请写明移交金额（分，非负整数）`);
    if (raw.quantity != null && (!Number.isSafeInteger(raw.quantity) || raw.quantity < 1))
      problems.push(`${n}数量应为正整数`);
  });
  for (const kind of REQUIRED_KINDS)
    if (!items.some((i: Partial<ExitHandoverItem>) => i?.kind === kind))
      problems.push(`移交清单须包括${HANDOVER_ITEM_KINDS[kind]}`);
  return problems;
}

export interface ItemDecision {
  itemNo: number;
  accepted: boolean;
  reason?: string | null;
}

/** Why a receiver's decisions on a list of `count` items cannot be taken: each item once, a rejection with its reason. */
export function confirmationProblems(count: number, decisions: unknown): string[] {
  if (!Array.isArray(decisions)) return ['请逐项确认或退回'];
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const d of decisions as Partial<ItemDecision>[]) {
    if (!Number.isInteger(d?.itemNo) || d.itemNo! < 1 || d.itemNo! > count) {
      problems.push(`没有第 ${String(d?.itemNo)} 项`);
      continue;
    }
    if (seen.has(d.itemNo!)) problems.push(`第 ${d.itemNo} 项确认了两次`);
    seen.add(d.itemNo!);
    if (typeof d.accepted !== 'boolean') problems.push(`第 ${d.itemNo} 项请选择确认或退回`);
    else if (!d.accepted && (typeof d.reason !== 'string' || d.reason.trim().length < 2))
      problems.push(`第 ${d.itemNo} 项退回须写明理由`);
  }
  for (let i = 1; i <= count; i++) if (!seen.has(i)) problems.push(`第 ${i} 项未确认`);
  return problems;
}
