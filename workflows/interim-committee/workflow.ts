import { setHandler } from '@temporalio/workflow';
import {
  confirmInterimHandoverUpdate,
  fileInterimCommitteeUpdate,
  interimCommitteeStateQuery,
  nameInterimMembersUpdate,
  ownersCommitteeFiledSignal,
  reviewInterimMembersUpdate,
  type InterimCommitteeInput,
  type InterimCommitteeResult,
} from '../../libs/contracts/src/interim-committee';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import { ProcedureTracker } from '../support/procedure-tracker';
import { InterimCommitteePhases } from './phases';
import { InterimCommitteeCase } from './state';

/**
 * 临时物业管理委员会 (物管会, rules.md §1 "Fallback"; seed 001 (二); seed 004 §5): the street office names its
 * members (owner representatives at least the policy's share, the 主任 from the 街道 or 居委会), the departments
 * review the owner members against the negative list, the policy's office accepts its 备案, and its term is
 * watched with a reminder before it ends. A 业委会's 备案 dissolves it with a handover; a term that runs out
 * lapses, and the policy may set up a new one. A failed first meeting's members (`named`) start at their 资格联审;
 * one already serving (`existing`, a failed meeting's from before that) starts at its term.
 *
 * The state and the human steps' validation live in `InterimCommitteeCase` (state.ts), the phases in
 * `InterimCommitteePhases` (phases.ts); this function wires the handlers and runs the phases.
 */
export async function interimCommittee(input: InterimCommitteeInput): Promise<InterimCommitteeResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'interim-committee',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['interim-committee']}`,
  });
  const c = new InterimCommitteeCase(input, tracker);

  setHandler(interimCommitteeStateQuery, () => c.snapshot());
  setHandler(ownersCommitteeFiledSignal, (args) => c.supersede(args));
  setHandler(nameInterimMembersUpdate, (args) => c.nameMembers(args), {
    validator: (args) => c.validateNameMembers(args),
  });
  setHandler(reviewInterimMembersUpdate, (args) => c.reviewMembers(args), {
    validator: (args) => c.validateReviewMembers(args),
  });
  setHandler(fileInterimCommitteeUpdate, (args) => c.file(args), {
    validator: (args) => c.validateFile(args),
  });
  setHandler(confirmInterimHandoverUpdate, (args) => c.handover(args), {
    validator: (args) => c.validateHandover(args),
  });

  const phases = new InterimCommitteePhases(c);
  await phases.open();
  if (!input.existing) {
    if (!(await phases.nameAndReview())) return phases.superseded();
    if (!(await phases.file())) return phases.superseded();
  }
  return (await phases.serve()) ? phases.handOver() : phases.expire();
}
