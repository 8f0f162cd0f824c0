import { EVALUATION_STAGES } from '../../../../libs/contracts/src/evaluation';
import { FIRM_EXIT_STAGES } from '../../../../libs/contracts/src/firm-exit';
import { COMMITTEE_FORMATION_STAGES, COMMITTEE_TERM_STAGES } from '../../../../libs/contracts/src/committee-formation';
import { INTERIM_COMMITTEE_STAGES } from '../../../../libs/contracts/src/interim-committee';
import { COMPLAINT_STAGES } from '../../../../libs/contracts/src/complaint';
import { DISPUTE_STAGES } from '../../../../libs/contracts/src/dispute';
import { JOINT_ENFORCEMENT_STAGES } from '../../../../libs/contracts/src/joint-enforcement';
import { ESTATE_SURVEY_STAGES } from '../../../../libs/contracts/src/estate-survey';
import { HANDOVER_STAGES } from '../../../../libs/contracts/src/handover';
import { FUND_USE_STAGES, TOP_UP_STAGES } from '../../../../libs/contracts/src/maintenance-fund';
import { OWNERS_VOTE_STAGES } from '../../../../libs/contracts/src/owners-vote';
import { PROBLEM_STAGES } from '../../../../libs/contracts/src/problem';
import { PUBLIC_INCOME_CHECK_STAGES } from '../../../../libs/contracts/src/public-income-check';
import { PROCEDURE_TYPES, type ProcedureStatus, type ProcedureType } from '../../../../libs/contracts/src/procedures';

/**
 * Each procedure's stages in the order its contract declares them, and the endings off the usual path
 * (a cancellation, a rejection, a 物管会 instead of a 业委会), which a diagram shows only when reached.
 */
const CATALOGUE: Record<ProcedureType, { stages: Record<string, string>; offPath: readonly string[] }> = {
  'estate-survey': { stages: ESTATE_SURVEY_STAGES, offPath: ['cancelled'] },
  'owners-vote': { stages: OWNERS_VOTE_STAGES, offPath: [] },
  handover: { stages: HANDOVER_STAGES, offPath: [] },
  'maintenance-fund-use': { stages: FUND_USE_STAGES, offPath: ['rejected', 'revocation_follow_up', 'revoked'] },
  'maintenance-fund-top-up': { stages: TOP_UP_STAGES, offPath: ['rejected', 'revocation_follow_up', 'revoked'] },
  'committee-formation': {
    stages: COMMITTEE_FORMATION_STAGES,
    offPath: ['failure_decision', 'temporary_committee', 'cancelled', 'revocation_follow_up', 'revoked'],
  },
  // The 街道's 限期 and the 居委会's turn only when the committee did not organise its own 换届.
  'committee-term': { stages: COMMITTEE_TERM_STAGES, offPath: ['ordered', 'community_organises'] },
  'interim-committee': { stages: INTERIM_COMMITTEE_STAGES, offPath: ['handover', 'dissolved', 'superseded'] },
  // A 信访 case is accepted instead of graded and has its 复查/复核; only a complex one goes to 会商.
  complaint: {
    stages: COMPLAINT_STAGES,
    offPath: [
      'petition_acceptance',
      'explanation',
      'consultation',
      'petition_review_window',
      'petition_review',
      'routed',
    ],
  },
  'joint-enforcement': { stages: JOINT_ENFORCEMENT_STAGES, offPath: [] },
  // A referral only after a failed level; the court's 立案 only at the last one.
  dispute: { stages: DISPUTE_STAGES, offPath: ['referral', 'court_filing', 'filed_in_court'] },
  problem: { stages: PROBLEM_STAGES, offPath: [] },
  // No finding to rectify: the check ends 检查无问题 after the street's step.
  'public-income-check': { stages: PUBLIC_INCOME_CHECK_STAGES, offPath: ['passed'] },
  // Only a failing score brings a measure.
  evaluation: { stages: EVALUATION_STAGES, offPath: ['measure'] },
  'firm-exit': { stages: FIRM_EXIT_STAGES, offPath: ['rejected', 'revoked'] },
};

export interface StageOfType {
  key: string;
  label: string;
}

/** Every procedure type with its zh-CN name and declared stages. */
export function procedureTypes(): Array<{ type: ProcedureType; label: string; stages: StageOfType[] }> {
  return (Object.keys(PROCEDURE_TYPES) as ProcedureType[]).map((type) => ({
    type,
    label: PROCEDURE_TYPES[type],
    stages: Object.entries(CATALOGUE[type].stages).map(([key, label]) => ({ key, label })),
  }));
}

export type DiagramState = 'done' | 'current' | 'todo' | 'skipped';

/**
 * The stage diagram of one case: each declared stage done (passed, per the timeline), current, to come,
 * or skipped (before the current stage but never entered: an emergency fund use has no publicity).
 * Off-path endings appear only when the case reached them; a closed case has nothing to come.
 */
export function stageDiagram(
  type: ProcedureType,
  current: string,
  status: ProcedureStatus,
  visited: ReadonlySet<string>,
): Array<StageOfType & { state: DiagramState }> {
  const { stages, offPath } = CATALOGUE[type];
  const keys = Object.keys(stages);
  const currentIndex = keys.indexOf(current);
  const diagram: Array<StageOfType & { state: DiagramState }> = [];
  keys.forEach((key, index) => {
    let state: DiagramState;
    if (key === current) state = status === 'completed' ? 'done' : 'current';
    else if (offPath.includes(key)) return;
    else if (visited.has(key)) state = 'done';
    else if (currentIndex >= 0 && index < currentIndex) state = 'skipped';
    else if (status !== 'running') return;
    else state = 'todo';
    diagram.push({ key, label: stages[key], state });
  });
  return diagram;
}
