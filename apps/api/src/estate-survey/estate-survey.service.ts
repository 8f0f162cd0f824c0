import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { estateSurvey } from '../../../../workflows/estate-survey';
import {
  cancelSurveyUpdate,
  ESTATE_SURVEY_FIRST_STAGE,
  estateSurveyStateQuery,
  estateSurveyWorkflowId,
  type EstateSurveyInput,
  type EstateSurveyState,
} from '../../../../libs/contracts/src/estate-survey';
import { LIAISON_POSTS, PARTY_MEMBER_KINDS, type EstateSurvey } from '../../../../libs/domain/src/estate-survey';
import { problemCategoryLabel } from '../../../../libs/domain/src/problems';
import { latestEstateSurvey } from '../../../../libs/persistence/src/estate-surveys';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { communityOffice } from '../../../../libs/persistence/src/registry';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import type { LatestSurveyResponse } from './estate-survey.dto';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';

@Injectable()
export class EstateSurveyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /** The street office opens 小区摸底建档 for an estate; one survey per estate runs at a time. */
  async start(principal: Principal, estateId: string): Promise<{ workflowId: string; runId: string }> {
    const estate = await this.estates.findVisible(principal, estateId);
    const community = await communityOffice(this.dataSource, estate.jurisdictionCode);
    if (!community)
      throw new ApiError(422, 'NO_COMMUNITY_OFFICE', '该小区所在社区（村）没有登记居（村）委会，无法派发摸底任务');
    const locality = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    // The ledger's list: each facility problem the survey finds becomes a row of it.
    const policy = { ...locality.estateSurvey, problemCategories: locality.problems.categories };
    const input: EstateSurveyInput = {
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      communityOrganisationId: community,
      streetOfficeOrganisationId: principal.organisationId!,
      startedBy: actorOf(principal),
      policy,
    };
    const handle = await this.procedures.start<typeof estateSurvey, 'estate-survey'>({
      type: 'estate-survey',
      workflowType: 'estateSurvey',
      workflowId: estateSurveyWorkflowId(randomUUID()),
      estate,
      firstStage: ESTATE_SURVEY_FIRST_STAGE,
      details: `小区 ${estate.id} · 辖区 ${estate.jurisdictionCode} · 分类标准 ${policy.classScheme}`,
      input,
      onePerEstate: true,
    });
    return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
  }

  /** The current (else latest) survey of an estate the caller may see (404 otherwise, before Temporal is asked). */
  private async surveyOf(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    return this.procedures.current(estateId, 'estate-survey');
  }

  async state(principal: Principal, estateId: string): Promise<EstateSurveyState> {
    const handle = await this.surveyOf(principal, estateId);
    return viaTemporal(() => handle.query(estateSurveyStateQuery));
  }

  /** The estate's latest submitted 摸底表, with labels; a survey from before a field was asked shows it as null. */
  async latest(principal: Principal, estateId: string): Promise<LatestSurveyResponse> {
    const estate = await this.estates.findVisible(principal, estateId);
    const row = await latestEstateSurvey(this.dataSource, estate.id);
    if (!row) return { survey: null };
    const survey = row.survey as Partial<EstateSurvey>;
    const { categories } = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).problems;
    const byKind = survey.partyOrganisation?.membersByKind;
    const posts = survey.liaisonPosts;
    return {
      survey: {
        workflowId: row.workflowId,
        submittedAt: row.submittedAt.toISOString(),
        estateClass: row.estateClass,
        classReason: row.classReason,
        classifiedAt: row.classifiedAt?.toISOString() ?? null,
        occupancyRate: Number(row.occupancyRate),
        householdCount: survey.householdCount!,
        feeCollectionRate: survey.feeCollectionRate!,
        partyMemberCount: survey.partyOrganisation!.partyMemberCount,
        partyMembersByKind: byKind
          ? Object.entries(PARTY_MEMBER_KINDS).map(([kind, label]) => ({
              kind: kind as keyof typeof PARTY_MEMBER_KINDS,
              label,
              count: byKind[kind as keyof typeof PARTY_MEMBER_KINDS],
            }))
          : null,
        ownersCommitteePartyMembers: survey.ownersCommittee?.partyMemberCount ?? null,
        firmPartyMembers: survey.propertyService?.firmPartyMemberCount ?? null,
        socialConditions: survey.socialConditions ?? null,
        liaisonPosts: posts
          ? Object.entries(LIAISON_POSTS).map(([post, label]) => ({
              post: post as keyof typeof LIAISON_POSTS,
              label,
              covered: posts.includes(post as keyof typeof LIAISON_POSTS),
            }))
          : null,
        facilityProblems: (survey.facilityProblems ?? []).map((p) => ({
          category: p.category,
          categoryLabel: problemCategoryLabel(categories, p.category),
          description: p.description,
        })),
      },
    };
  }

  /** Sends a step of the estate's survey through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, EstateSurveyState>,
    principal: Principal,
    estateId: string,
    body: Request,
  ): Promise<EstateSurveyState> {
    const handle = await this.surveyOf(principal, estateId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId }, body);
  }

  async cancel(principal: Principal, estateId: string, reason: string): Promise<EstateSurveyState> {
    const handle = await this.surveyOf(principal, estateId);
    const state = await viaTemporal(() =>
      handle.executeUpdate(cancelSurveyUpdate, { args: [{ actor: actorOf(principal), reason }] }),
    );
    // The answer means the case is closed: the estate can start its next survey straight away.
    await viaTemporal(() => handle.result());
    return state;
  }
}
