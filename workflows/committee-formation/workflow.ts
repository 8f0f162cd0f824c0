import { patched, setHandler } from '@temporalio/workflow';
import {
  answerFormationObjectionUpdate,
  cancelFormationUpdate,
  committeeFormationStateQuery,
  decideAfterFailureUpdate,
  decideAfterRevocationUpdate,
  fileCommitteeUpdate,
  fileFormationObjectionUpdate,
  formPrepGroupUpdate,
  nominateCandidatesUpdate,
  postFormationNoticesUpdate,
  recordFirstMeetingUpdate,
  reviewCandidatesUpdate,
  submitPreparationUpdate,
  type CommitteeFormationInput,
  type CommitteeFormationResult,
} from '../../libs/contracts/src/committee-formation';
import { decisionRevokedSignal } from '../../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import { ProcedureTracker } from '../support/procedure-tracker';
import { FormationPhases } from './phases';
import { FormationCase } from './state';

/**
 * 业委会组建 (rules.md §1) as the street office runs it: 筹备组 → preparation (meeting date, drafts of
 * 管理规约 and 议事规则) → nomination → 资格联审 by each department side by side → the roll, 筹备组 and candidates posted, owners'
 * objections answered → 业主大会 (three owners'
 * votes as child workflows: the election and the two documents) → first committee meeting (recorded by a member) → 结果公示 → 备案.
 * A failed meeting lets the street office re-run it or set up a 物管会; a decision of the meeting revoked by the
 * 街道 or the bureau (条例 art 19, `decisionRevokedSignal`) stops the formation until the street office re-runs
 * the votes or ends it to form afresh (`FormationPhases.decideAfterRevocation`). A 换届 (`mode: 'reelection'`) starts
 * at the preparation. Every deadline is a policy value from the input; people are ids, names stay in PostgreSQL.
 *
 * The state and the human steps' validation live in `FormationCase` (state.ts), the phases in `FormationPhases`
 * (phases.ts); this function wires the handlers and runs the phases.
 */
export async function committeeFormation(input: CommitteeFormationInput): Promise<CommitteeFormationResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'committee-formation',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['committee-formation']}`,
  });
  const formation = new FormationCase(input, tracker);

  setHandler(committeeFormationStateQuery, () => formation.snapshot());
  setHandler(formPrepGroupUpdate, (args) => formation.formPrepGroup(args), {
    validator: (args) => formation.validateFormPrepGroup(args),
  });
  setHandler(submitPreparationUpdate, (args) => formation.submitPreparation(args), {
    validator: (args) => formation.validateSubmitPreparation(args),
  });
  setHandler(nominateCandidatesUpdate, (args) => formation.nominateCandidates(args), {
    validator: (args) => formation.validateNominateCandidates(args),
  });
  setHandler(reviewCandidatesUpdate, (args) => formation.reviewCandidates(args), {
    validator: (args) => formation.validateReviewCandidates(args),
  });
  setHandler(postFormationNoticesUpdate, (args) => formation.postNotices(args), {
    validator: (args) => formation.validatePostNotices(args),
  });
  setHandler(fileFormationObjectionUpdate, (args) => formation.fileObjection(args), {
    validator: (args) => formation.validateFileObjection(args),
  });
  setHandler(answerFormationObjectionUpdate, (args) => formation.answerObjection(args), {
    validator: (args) => formation.validateAnswerObjection(args),
  });
  setHandler(decideAfterFailureUpdate, (args) => formation.decideAfterFailure(args), {
    validator: (args) => formation.validateDecideAfterFailure(args),
  });
  setHandler(recordFirstMeetingUpdate, (args) => formation.recordFirstMeeting(args), {
    validator: (args) => formation.validateRecordFirstMeeting(args),
  });
  setHandler(fileCommitteeUpdate, (args) => formation.fileCommittee(args), {
    validator: (args) => formation.validateFileCommittee(args),
  });
  setHandler(cancelFormationUpdate, (args) => formation.cancel(args), {
    validator: (args) => formation.validateCancel(args),
  });
  // 条例 art 19: a revoked decision of the 业主大会 stops the formation; one from before replays without.
  if (patched('revoked-decision-stops-formation')) {
    setHandler(decisionRevokedSignal, (revoked) => formation.revocation.hear(revoked));
    setHandler(decideAfterRevocationUpdate, (args) => formation.decideAfterRevocation(args), {
      validator: (args) => formation.validateDecideAfterRevocation(args),
    });
  }

  const phases = new FormationPhases(formation);
  await phases.open();
  let meetingClockFrom = new Date();
  if (input.mode === 'formation') {
    if (!(await phases.formPrepGroup())) return phases.cancelled();
    meetingClockFrom = new Date();
  }
  let termEnd: string | null = null;
  while (termEnd === null) {
    if (!(await phases.prepare(meetingClockFrom))) return phases.cancelled();
    if (!(await phases.nominateUntilSeatsFilled())) return phases.cancelled();
    if (!(await phases.post())) return phases.cancelled();
    if (!(await phases.awaitMeetingDay())) return phases.cancelled();
    if (await phases.holdAssembly()) {
      termEnd = await phases.seatAndFile();
      if (termEnd === null && (await phases.decideAfterRevocation()) === 'restart') return phases.revoked();
    } else {
      const decision = await phases.decideAfterFailure();
      if (!decision) return phases.cancelled();
      if (decision.choice === 'temporary_committee') return phases.setUpTemporaryCommittee(decision);
    }
    meetingClockFrom = new Date();
  }
  await phases.dissolveInterimCommittees();
  await phases.startTermWatch(termEnd);
  return phases.done();
}
