import { Injectable } from '@nestjs/common';
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { COMMITTEE_FORMATION_STAGES, COMMITTEE_TERM_STAGES } from '../../../../libs/contracts/src/committee-formation';
import { INTERIM_COMMITTEE_STAGES } from '../../../../libs/contracts/src/interim-committee';
import { COMPLAINT_STAGES } from '../../../../libs/contracts/src/complaint';
import { DISPUTE_STAGES } from '../../../../libs/contracts/src/dispute';
import { EVALUATION_STAGES } from '../../../../libs/contracts/src/evaluation';
import { FIRM_EXIT_STAGES } from '../../../../libs/contracts/src/firm-exit';
import { JOINT_ENFORCEMENT_STAGES } from '../../../../libs/contracts/src/joint-enforcement';
import { ESTATE_SURVEY_STAGES } from '../../../../libs/contracts/src/estate-survey';
import { HANDOVER_STAGES } from '../../../../libs/contracts/src/handover';
import { FUND_USE_STAGES, TOP_UP_STAGES } from '../../../../libs/contracts/src/maintenance-fund';
import { OWNERS_VOTE_STAGES } from '../../../../libs/contracts/src/owners-vote';
import { PROBLEM_STAGES } from '../../../../libs/contracts/src/problem';
import { PUBLIC_INCOME_CHECK_STAGES } from '../../../../libs/contracts/src/public-income-check';
import {
  procedureSearchAttributes,
  procedureTitle,
  TASK_QUEUE,
  type ProcedureType,
} from '../../../../libs/contracts/src/procedures';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { viaTemporal } from '../common/temporal-errors';
import { OnePerEstateProcedures } from './one-per-estate';

/** Each procedure's stages with their zh-CN labels, as its contract states them. */
const STAGES = {
  'estate-survey': ESTATE_SURVEY_STAGES,
  'owners-vote': OWNERS_VOTE_STAGES,
  handover: HANDOVER_STAGES,
  'maintenance-fund-use': FUND_USE_STAGES,
  'maintenance-fund-top-up': TOP_UP_STAGES,
  'committee-formation': COMMITTEE_FORMATION_STAGES,
  'committee-term': COMMITTEE_TERM_STAGES,
  'interim-committee': INTERIM_COMMITTEE_STAGES,
  complaint: COMPLAINT_STAGES,
  'joint-enforcement': JOINT_ENFORCEMENT_STAGES,
  dispute: DISPUTE_STAGES,
  problem: PROBLEM_STAGES,
  'public-income-check': PUBLIC_INCOME_CHECK_STAGES,
  evaluation: EVALUATION_STAGES,
  'firm-exit': FIRM_EXIT_STAGES,
} as const satisfies Record<ProcedureType, Record<string, string>>;

export interface ProcedureStart<W extends Workflow, T extends ProcedureType> {
  type: T;
  /** The workflow function's name, as the worker registers it. */
  workflowType: string;
  workflowId: string;
  estate: { id: string; name: string; jurisdictionCode: string };
  /** The stage the workflow starts in: its contract's first-stage constant. */
  firstStage: keyof (typeof STAGES)[T] & string;
  /** Added to the title after the procedure's name ("…维修资金使用：1号楼屋面防水翻修"). */
  subject?: string;
  /** The Web UI's details line: ids and codes that tell this case from others of the estate, no personal data. */
  details: string;
  input: Parameters<W>[0];
  /**
   * The estate runs one procedure of this type at a time: the read model's row is claimed in the transaction
   * that starts the workflow, and a second start while one runs is 409 (one-per-estate.ts).
   */
  onePerEstate?: boolean;
}

/**
 * The one way the API starts a procedure: on the shared task queue, under the search attributes every
 * procedure starts with, with the case title as the Web UI's summary, and (for the procedures an estate runs
 * one at a time) under the estate's claim. Temporal's refusals come back as API errors.
 */
@Injectable()
export class Procedures {
  constructor(
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly onePerEstate: OnePerEstateProcedures,
  ) {}

  async start<W extends Workflow, T extends ProcedureType>(
    start: ProcedureStart<W, T>,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<W>> {
    const { estate, firstStage } = start;
    const title = procedureTitle(start.type, estate.name, start.subject);
    // The input is checked against W by ProcedureStart; the client's options type cannot see through a generic W.
    const run = () =>
      this.temporal.workflow.start(start.workflowType, {
        taskQueue: TASK_QUEUE,
        workflowId: start.workflowId,
        args: [start.input],
        typedSearchAttributes: procedureSearchAttributes(
          start.type,
          { estateId: estate.id, jurisdictionCode: estate.jurisdictionCode },
          firstStage,
        ),
        staticSummary: title,
        staticDetails: start.details,
      }) as Promise<WorkflowHandleWithFirstExecutionRunId<W>>;
    if (!start.onePerEstate) return viaTemporal(run);
    const stages: Record<string, string> = STAGES[start.type];
    return this.onePerEstate.start(
      {
        workflowId: start.workflowId,
        procedureType: start.type,
        estateId: estate.id,
        jurisdictionCode: estate.jurisdictionCode,
        title,
        stage: firstStage,
        stageLabel: stages[firstStage],
      },
      run,
    );
  }

  /** The workflow of the estate's current (else latest) procedure of a type; 404 when it never had one. */
  current(estateId: string, procedureType: ProcedureType): Promise<WorkflowHandle> {
    return this.onePerEstate.current(estateId, procedureType);
  }
}
