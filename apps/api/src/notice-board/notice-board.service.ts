import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { fundUseStateQuery } from '../../../../libs/contracts/src/maintenance-fund';
import {
  committeesOfEstate,
  formationIdOfWorkflow,
  formationPosting,
} from '../../../../libs/persistence/src/committees';
import { findFirmExitOfWorkflow } from '../../../../libs/persistence/src/firm-exits';
import { disclosuresOf, questionCounts } from '../../../../libs/persistence/src/public-income';
import { runningProceduresOf } from '../../../../libs/persistence/src/read-model';
import { estateHeading } from '../../../../libs/persistence/src/registry';
import { findVote, postedVotes, rollRoomsPage } from '../../../../libs/persistence/src/votes';
import { PREP_GROUP_SIDES } from '../../../../libs/domain/src/committee';
import { decisionRule, type Matter } from '../../../../libs/domain/src/owners-decision';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { notFound } from '../common/api-error';
import { apportionment, fundUseScope } from '../maintenance-fund/apportionment';
import type {
  PostedFirmExitResponse,
  PostedFormationNoticeResponse,
  PostedFundUseResponse,
  PostedVoteResponse,
} from './notice-board.dto';

/** Stages of a fund use whose 分摊清册 is on the board. */
const APPORTIONMENT_POSTED = new Set(['publicity', 'objection_reply', 'voting', 'post_notice', 'published']);

interface PostedVoteRow extends Omit<PostedVoteResponse, 'rule' | 'result'> {
  result: unknown;
}

/**
 * 公示栏: what an estate has posted (votes, fund uses, the formation, a 清退, 公共收益 in figures), for anyone at its gate — rooms, areas and figures, never a name or the id
 * of a person (an election's candidates are their places on the list).
 */
@Injectable()
export class NoticeBoardService {
  private readonly logger = new Logger(NoticeBoardService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  async board(estateId: string) {
    const heading = await estateHeading(this.dataSource, estateId);
    if (!heading) throw notFound('ESTATE_NOT_FOUND', '小区不存在');
    const [votes, committees, running, disclosures, questions] = await Promise.all([
      postedVotes(this.dataSource, estateId) as Promise<PostedVoteRow[]>,
      committeesOfEstate(this.dataSource, estateId),
      runningProceduresOf(this.dataSource, estateId, ['maintenance-fund-use', 'committee-formation', 'firm-exit']),
      disclosuresOf(this.dataSource, estateId),
      questionCounts(this.dataSource, estateId),
    ]);
    const fundUses = await Promise.all(
      running
        .filter((p) => p.procedureType === 'maintenance-fund-use')
        .map((p) => this.fundUse(estateId, p.workflowId, p.stage, p.stageLabel, p.dueAt)),
    );
    return {
      estateName: heading.name,
      jurisdictionName: heading.jurisdictionName,
      votes: votes.map((v) => this.postedVote(v)),
      fundUses,
      formations: await Promise.all(
        running
          .filter((p) => p.procedureType === 'committee-formation')
          .map(async (p) => ({
            procedureType: p.procedureType,
            stageLabel: p.stageLabel,
            dueAt: p.dueAt,
            posting: await this.formationNotice(p.workflowId),
          })),
      ),
      firmExits: await Promise.all(
        running
          .filter((p) => p.procedureType === 'firm-exit')
          .map((p) => this.firmExit(p.workflowId, p.stageLabel, p.dueAt)),
      ),
      committees,
      publicIncome: { disclosures: disclosures.slice(0, 4), questions },
    };
  }

  private postedVote({ result, ...vote }: PostedVoteRow): PostedVoteResponse {
    const posted = Array.isArray(result)
      ? (result as Array<{ tally: PostedVoteResponse['result']; elected: boolean }>).map((c, i) => ({
          ordinal: i + 1,
          tally: c.tally,
          elected: c.elected,
        }))
      : result;
    return { ...vote, rule: decisionRule(vote.matter as Matter), result: posted as PostedVoteResponse['result'] };
  }

  private async fundUse(
    estateId: string,
    workflowId: string,
    stage: string,
    stageLabel: string,
    dueAt: Date | null,
  ): Promise<PostedFundUseResponse> {
    const posted = {
      procedureType: 'maintenance-fund-use',
      stageLabel,
      dueAt: dueAt?.toISOString() ?? null,
      kind: 'normal',
    };
    if (!APPORTIONMENT_POSTED.has(stage)) return posted;
    try {
      const state = await this.temporal.workflow.getHandle(workflowId).query(fundUseStateQuery);
      // A posting names no room's balance: each 分户账 is its owner's alone.
      const sharing = await apportionment(
        this.dataSource,
        estateId,
        { ...state, scope: fundUseScope(state) },
        new Set(),
      );
      return { ...posted, kind: state.kind, apportionment: sharing };
    } catch (error) {
      // The board still shows the rest; the clerk's own page reports the workflow's trouble.
      this.logger.warn({ workflowId, err: error }, 'fund use state unavailable for the notice board');
      return posted;
    }
  }

  /** A running 清退: the firm and its ground in figures (the office's account of an event stays off the gate). */
  private async firmExit(workflowId: string, stageLabel: string, dueAt: Date | null): Promise<PostedFirmExitResponse> {
    const row = await findFirmExitOfWorkflow(this.dataSource, workflowId);
    return {
      firmName: row?.firmName ?? '',
      ground: row?.ground ?? 'serious_event',
      failedMonths: row?.failedMonths ?? null,
      stageLabel,
      dueAt: dueAt?.toISOString() ?? null,
    };
  }

  /** The posting of a formation in counts (undefined before it is posted). */
  private async formationNotice(workflowId: string): Promise<PostedFormationNoticeResponse | undefined> {
    const formationId = await formationIdOfWorkflow(this.dataSource, workflowId);
    const posting = formationId ? await formationPosting(this.dataSource, formationId) : undefined;
    if (!posting?.postedOn) return undefined;
    // Each side in the order the rules name them (业主代表 first), with how many it has.
    const sides = new Map(Object.keys(PREP_GROUP_SIDES).map((side) => [side, 0]));
    for (const { side } of posting.prepGroup) sides.set(side, (sides.get(side) ?? 0) + 1);
    const answered = posting.objections.filter((o) => o.status === 'answered').length;
    return {
      postedOn: posting.postedOn,
      meetingDate: posting.meetingDate,
      roll: posting.roll,
      prepGroup: [...sides].filter(([, members]) => members > 0).map(([side, members]) => ({ side, members })),
      candidates: posting.candidates.length,
      objections: { open: posting.objections.length - answered, answered },
    };
  }

  async rooms(estateId: string, voteId: string, participated: boolean, page: number, pageSize: number) {
    const vote = await findVote(this.dataSource, voteId);
    if (!vote || vote.estateId !== estateId) throw notFound('VOTE_NOT_FOUND', '表决不存在');
    const { items, total } = await rollRoomsPage(this.dataSource, voteId, participated, page, pageSize);
    return { items, total, page, pageSize };
  }
}
