import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { interimCommittee } from '../../../../workflows/interim-committee';
import {
  interimCommitteeStateQuery,
  interimCommitteeWorkflowId,
  type InterimCommitteeInput,
  type InterimCommitteeState,
} from '../../../../libs/contracts/src/interim-committee';
import { chinaDate } from '../../../../libs/domain/src/calendar';
import { formationEligibility } from '../../../../libs/domain/src/committee';
import {
  INTERIM_COMMITTEE_OFFICES,
  interimStartRefusal,
  type InterimStartRefusal,
} from '../../../../libs/domain/src/interim-committee';
import { policyFor } from '../../../../libs/domain/src/policy';
import {
  claimInterimCase,
  estatesWithoutSelfGovernance,
  hasInterimCommittee,
  hasServingOwnersCommittee,
  interimDeliveryFacts,
  interimStartFacts,
} from '../../../../libs/persistence/src/interim-committees';
import { registeredPolicyOverrides } from '../../../../libs/persistence/src/locality-policy';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { filterPathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';

/** How a refused start answers: the estate qualifies for a 业委会 (422), or it already has a body (409). */
const START_REFUSAL_STATUS = {
  ESTATE_ELIGIBLE: 422,
  COMMITTEE_SERVING: 409,
  INTERIM_COMMITTEE_SERVING: 409,
} as const satisfies Record<InterimStartRefusal['code'], number>;

@Injectable()
export class InterimCommitteesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  private async pathOf(principal: Principal, jurisdictionCode: string | undefined): Promise<string> {
    const path = jurisdictionCode ? await filterPathOf(this.dataSource, jurisdictionCode) : principal.jurisdictionPath;
    if (!path.startsWith(principal.jurisdictionPath))
      throw new ApiError(403, 'OUTSIDE_JURISDICTION', '只能查看本辖区的小区');
    return path;
  }

  /**
   * The clerk's list for "为不具备组建条件的小区组建物管会" (seed 001 (二)): estates under the jurisdiction that do
   * not meet the formation conditions (闽条例 art 9, each by its own policy) and have no 业委会 or 物管会.
   */
  async uncovered(principal: Principal, jurisdictionCode: string | undefined) {
    const path = await this.pathOf(principal, jurisdictionCode);
    const today = chinaDate(new Date());
    const registered = await registeredPolicyOverrides(this.dataSource);
    const rows = await estatesWithoutSelfGovernance(this.dataSource, `${path}%`);
    return rows
      .map((row) => ({
        row,
        eligibility: formationEligibility(row, today, policyFor(row.path, registered).committeeFormation),
      }))
      .filter(({ eligibility }) => !eligibility.eligible)
      .map(({ row, eligibility }) => ({
        id: row.id,
        name: row.name,
        jurisdictionCode: row.jurisdictionCode,
        eligible: false,
        reason: eligibility.reason,
      }));
  }

  /**
   * Sets up a 物管会 for each listed estate, all or none: each must be the caller's to see, not yet meet the
   * formation conditions and have neither a 业委会 nor a 物管会; the caller is the office the estate's policy
   * has start one.
   */
  async start(principal: Principal, estateIds: string[]) {
    const today = chinaDate(new Date());
    const inputs: Array<{
      estate: { id: string; name: string; jurisdictionCode: string };
      input: InterimCommitteeInput;
    }> = [];
    for (const estateId of estateIds) {
      const estate = await this.estates.findVisible(principal, estateId);
      const facts = await interimStartFacts(this.dataSource, estate.id);
      if ('code' in facts) throw new ApiError(422, facts.code, facts.reason);
      const office = facts.policy.interimCommittee.starter;
      const organisation =
        office === 'street_office' ? facts.input.streetOfficeOrganisationId : facts.input.housingBureauOrganisationId;
      if (principal.role !== office || principal.organisationId !== organisation)
        throw new ApiError(
          403,
          'NOT_INTERIM_STARTER',
          `${estate.name}：只有所属${INTERIM_COMMITTEE_OFFICES[office]}可以组建物管会`,
        );
      const refusal = interimStartRefusal(
        {
          delivery: await interimDeliveryFacts(this.dataSource, estate.id, facts.firstDeliveryDate),
          hasServingCommittee: await hasServingOwnersCommittee(this.dataSource, estate.id),
          hasInterimCommittee: await hasInterimCommittee(this.dataSource, estate.id),
        },
        today,
        facts.policy.committeeFormation,
      );
      if (refusal)
        throw new ApiError(START_REFUSAL_STATUS[refusal.code], refusal.code, `${estate.name}：${refusal.reason}`, [
          `${estate.name}：${refusal.reason}`,
        ]);
      inputs.push({
        estate,
        input: { ...facts.input, caseId: randomUUID(), origin: 'ineligible_estate' },
      });
    }
    // Each case is claimed in the transaction that starts its workflow: a start racing another is 409.
    return this.dataSource.transaction(async (m) => {
      const started = [];
      for (const { estate, input } of inputs) {
        const workflowId = interimCommitteeWorkflowId(input.caseId);
        const claim = { caseId: input.caseId, workflowId, estateId: estate.id, origin: input.origin };
        if (!(await claimInterimCase(m, { ...claim, at: new Date().toISOString() })))
          throw new ApiError(409, 'INTERIM_COMMITTEE_SERVING', `${estate.name}：该小区已有物管会在任或正在组建`);
        await this.procedures.start<typeof interimCommittee, 'interim-committee'>({
          type: 'interim-committee',
          workflowType: 'interimCommittee',
          workflowId,
          estate,
          firstStage: 'naming',
          details: `小区 ${estate.id} · 物管会 ${input.caseId} · ${input.origin}`,
          input,
        });
        started.push({ estateId: estate.id, caseId: input.caseId, workflowId });
      }
      return { started };
    });
  }

  /** The current (else latest) 物管会 of an estate the caller may see (404 otherwise, before Temporal is asked). */
  private async caseOf(principal: Principal, estateId: string): Promise<WorkflowHandle> {
    await this.estates.findVisible(principal, estateId);
    return this.procedures.current(estateId, 'interim-committee');
  }

  async state(principal: Principal, estateId: string): Promise<InterimCommitteeState> {
    const handle = await this.caseOf(principal, estateId);
    return viaTemporal(() => handle.query(interimCommitteeStateQuery));
  }

  /** Sends a step of the estate's 物管会 through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, InterimCommitteeState>,
    principal: Principal,
    estateId: string,
    body: Request,
  ): Promise<InterimCommitteeState> {
    const handle = await this.caseOf(principal, estateId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId }, body);
  }
}
