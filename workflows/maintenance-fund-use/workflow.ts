import { patched, setHandler } from '@temporalio/workflow';
import {
  answerFundObjectionUpdate,
  decideFundUseUpdate,
  followUpFundRevocationUpdate,
  fundUseStateQuery,
  objectToFundUseUpdate,
  reportFundWorksUpdate,
  takeOverFundRepairUpdate,
  voteOnFundUseResolutionUpdate,
  type FundUseInput,
  type FundUseResult,
} from '../../libs/contracts/src/maintenance-fund';
import { decisionRevokedSignal } from '../../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import { ProcedureTracker } from '../support/procedure-tracker';
import { FundUsePhases } from './phases';
import { FundUseCase } from './state';

/**
 * 维修资金使用. Normal use (165号令 arts 22–23): 分摊清单公示 (objections answered by the applicant) → owners' decision over the 列支范围 (a child
 * ownersVote, ordinary matter) → approval by the housing bureau (fund held by the government) or by a
 * 业委会决议 (more than half of all members for, each member's 表决 an Update) with filing to the bureau → contract → 验收 → 结算. Emergency use (art 24): no vote; the street
 * office (or the bureau, policy) confirms within the policy's working days (late → 督办) → repair by the
 * responsible party, or the 代修 by the office the policy names once it is late → post-hoc 公示 → the payout
 * review of a normal use (art 24 keeps art 22 (4)–(6) / art 23 (4)–(7)). Both then pay
 * the contractor in the policy's tranches, each booked once, publish the accounts and release the retention.
 *
 * A revocation of the owners' decision (条例 art 19, `decisionRevokedSignal`) stops the application: see
 * `FundUsePhases.stopRevoked`.
 *
 * The state and the steps' validation live in `FundUseCase` (state.ts), the phases in `FundUsePhases`
 * (phases.ts); this function wires the handlers and runs the phases.
 */
export async function maintenanceFundUse(input: FundUseInput): Promise<FundUseResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'maintenance-fund-use',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['maintenance-fund-use']}：${input.project}`,
  });
  const fundUse = new FundUseCase(input, tracker);

  setHandler(fundUseStateQuery, () => fundUse.snapshot());
  setHandler(decideFundUseUpdate, (args) => fundUse.decide(args), {
    validator: (args) => fundUse.validateDecide(args),
  });
  setHandler(reportFundWorksUpdate, (args) => fundUse.reportWorks(args), {
    validator: (args) => fundUse.validateReportWorks(args),
  });
  setHandler(objectToFundUseUpdate, (args) => fundUse.object(args), {
    validator: (args) => fundUse.validateObjection(args),
  });
  setHandler(answerFundObjectionUpdate, (args) => fundUse.answer(args), {
    validator: (args) => fundUse.validateAnswer(args),
  });
  // 条例 art 19: a revoked decision stops the use that relied on it; an application from before replays without.
  if (patched('revoked-decision-stops-fund-use')) {
    setHandler(decisionRevokedSignal, (revoked) => fundUse.revoke(revoked));
    setHandler(followUpFundRevocationUpdate, (args) => fundUse.recordFollowUp(args), {
      validator: (args) => fundUse.validateFollowUp(args),
    });
  }

  setHandler(takeOverFundRepairUpdate, (args) => fundUse.takeOverRepair(args), {
    validator: (args) => fundUse.validateTakeOverRepair(args),
  });

  const phases = new FundUsePhases(fundUse);
  setHandler(voteOnFundUseResolutionUpdate, (args) => phases.vote(args), {
    validator: (args) => fundUse.validateVote(args),
  });
  const ended = input.kind === 'normal' ? await phases.normalUse() : await phases.emergencyUse();
  return ended ?? phases.payOut();
}
