import type { Schemas } from '../api/client';

export type Threshold = Schemas['ThresholdResponse'];

export const VOTE_STATUS: Record<string, { label: string; color: string }> = {
  notice: { label: '投票通知公告中', color: 'default' },
  open: { label: '投票中', color: 'processing' },
  closed: { label: '结果公示中', color: 'warning' },
  published: { label: '已结束', color: 'success' },
};

export const MATTER: Record<string, string> = {
  ordinary: '一般事项',
  special: '特别事项（民法典第二百七十八条第一款第六至八项）',
  order_165: '维修资金使用（165号令第二十二条）',
};

/** The matter as a short tag. */
export const MATTER_TAG: Record<string, string> = {
  ordinary: '一般事项',
  special: '特别事项',
  order_165: '165号令双三分之二',
};

export const CHOICES = [
  { value: 'yes', label: '同意' },
  { value: 'no', label: '反对' },
  { value: 'abstain', label: '弃权' },
] as const;

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 三分之二以上 / 过半数 / 四分之三以上, as the law words a threshold the API gives. */
export function thresholdText(t: Threshold): string {
  if (t.numerator === 1 && t.denominator === 2 && !t.inclusive) return '过半数';
  const fraction = `${CHINESE_DIGITS[t.denominator] ?? t.denominator}分之${CHINESE_DIGITS[t.numerator] ?? t.numerator}`;
  return t.inclusive ? `${fraction}以上` : `超过${fraction}`;
}

/** The threshold as a share between 0 and 1, for drawing. */
export function thresholdShare(t: Threshold): number {
  return t.numerator / t.denominator;
}

/** Whether part/whole meets the threshold (the API decides; this only colours a bar the same way). */
export function meets(part: number, whole: number, t: Threshold): boolean {
  if (whole <= 0) return false;
  const lhs = part * t.denominator;
  const rhs = whole * t.numerator;
  return t.inclusive ? lhs >= rhs - 1e-9 : lhs > rhs + 1e-9;
}

/** 参与表决的专有部分面积和人数均须达到…；同意须达到… — the rule of a matter in one sentence. */
export function ruleText(rule: Schemas['DecisionRuleResponse']): string {
  if (rule.approvalOf === 'all')
    return `须经表决范围内专有部分面积和人数均${thresholdText(rule.approval)}的业主同意（以全体业主为基数）。`;
  return `须专有部分面积和人数均${thresholdText(rule.participation)}的业主参与表决，并经参与表决专有部分面积和人数均${thresholdText(rule.approval)}的业主同意。`;
}
