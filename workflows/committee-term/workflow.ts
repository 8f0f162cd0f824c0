import { setHandler } from '@temporalio/workflow';
import {
  committeeTermStateQuery,
  confirmHandoverUpdate,
  fileReelectionReportUpdate,
  interveneReelectionUpdate,
  orderReelectionUpdate,
  type CommitteeTermInput,
} from '../../libs/contracts/src/committee-formation';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { ProcedureTracker } from '../support/procedure-tracker';
import { CommitteeTermPhases } from './phases';
import { CommitteeTermCase, type StreetOfficeStep } from './state';

/** The street office's steps: the Update, the stage that takes it, and its name in the refusals. */
const STREET_OFFICE_STEPS = [
  [orderReelectionUpdate, 'order_reelection', '责令换届'],
  [interveneReelectionUpdate, 'intervention', '介入指导换届'],
  [confirmHandoverUpdate, 'handover', '确认移交'],
] as const satisfies ReadonlyArray<readonly [typeof orderReelectionUpdate, StreetOfficeStep, string]>;

/**
 * 换届 monitoring for one committee, from filing to handover. The 业委会 organises its own 换届: its members
 * (owner logins) get the reminder at T-6 months with the street office and the 居委会, and may file the
 * 换届报告 themselves (the offices may still register one). When T-3 months (the last day the 换届 meeting may
 * be held) passes without one, a task for the street office to order the re-election within its own period;
 * when the order's limit passes too, a task for the 居委会 to organise it under the 街道 (rules.md §1 换届).
 * A 换届报告 gives the street office its intervention task (seed 004 §5: 7 days). The seals and files are
 * handed over within the policy period counted from the term's last day (term ending 2026-09-30: by
 * 2026-10-10), and the committee stops serving.
 *
 * The state and the human steps' validation live in `CommitteeTermCase` (state.ts), the phases in
 * `CommitteeTermPhases` (phases.ts); this function wires the handlers and runs the phases.
 */
export async function committeeTerm(
  input: CommitteeTermInput,
): Promise<{ committeeId: string; escalations: EscalationRecord[] }> {
  const tracker = new ProcedureTracker({
    procedureType: 'committee-term',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['committee-term']}`,
  });
  const term = new CommitteeTermCase(input, tracker);

  setHandler(committeeTermStateQuery, () => term.snapshot());
  setHandler(fileReelectionReportUpdate, (args) => term.fileReport(args), {
    validator: (args) => term.validateReport(args),
  });
  for (const [update, key, what] of STREET_OFFICE_STEPS)
    setHandler(update, (args) => term.takeStep(key, what, args), {
      validator: (args) => term.validateStep(key, what, args),
    });

  const phases = new CommitteeTermPhases(term);
  if (!(await phases.serve()) && !(await phases.remind())) await phases.order();
  if (term.reportFiledAt) await phases.intervene();
  await phases.handOver();
  return phases.done();
}
