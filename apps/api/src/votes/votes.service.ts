import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ownersVote } from '../../../../workflows/owners-vote';
import {
  closeVoteEarlyUpdate,
  decisionRevokedSignal,
  OWNERS_VOTE_FIRST_STAGE,
  ownersVoteWorkflowId,
  type OwnersVoteInput,
} from '../../../../libs/contracts/src/owners-vote';
import { DOCUMENT_KINDS } from '../../../../libs/domain/src/documents';
import {
  decisionRule,
  electionOf,
  MATTER_ITEMS,
  matterOf,
  VOTE_INTERVENTIONS,
  voteSettled,
  type Matter,
} from '../../../../libs/domain/src/owners-decision';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { countEstateBuildings, ownersAssemblyOf } from '../../../../libs/persistence/src/registry';
import {
  answerRollObjection,
  correctRollArea,
  estateVotesPage,
  findVote,
  insertRollObjection,
  insertVoteCandidates,
  listRollObjections,
  lockRollObjection,
  ownerOnRoll,
  participatingRooms,
  unitOnRoll,
  voteCandidateLabels,
  voteCountInputs,
  voteDetail,
  voteResult,
  voteRollPage,
  voteTurnout,
  insertVoteIntervention,
  type VoteRow,
} from '../../../../libs/persistence/src/votes';
import { enqueueNoticeToOwners } from '../../../../libs/persistence/src/notifications';
import { createCalendarReader } from '../../../../libs/persistence/src/work-calendar';
import { periodEndDate } from '../../../../libs/domain/src/calendar';
import { chinaDate, startOfChinaDay, yearsAfter } from '../../../../libs/domain/src/china-date';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import type { StagedUpload } from '../documents/document-upload';
import { DocumentsService } from '../documents/documents.service';
import type {
  AnswerObjectionRequest,
  CastBallotRequest,
  RaiseObjectionRequest,
  RecordBallotRequest,
  StartVoteRequest,
  UploadVoteDocumentRequest,
  VoteInterventionRequest,
} from './votes.dto';
import { ApiMetrics } from '../metrics/api-metrics';
import { BallotBox } from './ballot-box';
import { IDENTITY_VERIFIER, type IdentityVerifier } from './identity-verifier';

/** The document a recorded ballot must rest on. */
const SUPPORTING_DOCUMENT = { proxy: 'proxy_authorisation', paper: 'paper_ballot' } as const;

const voteNotFound = () => notFound('VOTE_NOT_FOUND', '表决不存在、尚未开始登记或您无权查看');

@Injectable()
export class VotesService {
  private readonly readCalendar;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    @Inject(IDENTITY_VERIFIER) private readonly identity: IdentityVerifier,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly ballotBox: BallotBox,
    private readonly metrics: ApiMetrics,
    private readonly procedures: Procedures,
  ) {
    this.readCalendar = createCalendarReader(this.dataSource);
  }

  async start(principal: Principal, estateId: string, body: StartVoteRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const buildingIds = body.buildingIds ?? [];
    if (buildingIds.length) {
      const n = await countEstateBuildings(this.dataSource, estateId, buildingIds);
      if (n !== new Set(buildingIds).size)
        throw new ApiError(422, 'BUILDING_NOT_IN_ESTATE', '表决范围中有不属于该小区的楼栋');
    }
    const voteId = randomUUID();
    const election = await this.registerCandidates(voteId, body);
    const matter = matterOf(body.matterItem);
    const input: OwnersVoteInput = {
      voteId,
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      organiserOrganisationId: principal.organisationId!,
      matter,
      matterItem: body.matterItem,
      question: body.question.trim(),
      scope: { buildingIds },
      // Once an 业主大会 exists, every owners' decision is one of its meetings (条例 art 14).
      assemblyMeeting: (await ownersAssemblyOf(this.dataSource, estateId)) !== null,
      election,
      policy: (await localityPolicy(this.dataSource, estate.jurisdictionPath)).ownersVote,
    };
    const handle = await this.procedures.start<typeof ownersVote, 'owners-vote'>({
      type: 'owners-vote',
      workflowType: 'ownersVote',
      workflowId: ownersVoteWorkflowId(voteId),
      estate,
      firstStage: OWNERS_VOTE_FIRST_STAGE,
      details: `表决 ${voteId} · 第278条第（${MATTER_ITEMS[body.matterItem].item}）项 · ${matter === 'special' ? '特别事项（双四分之三）' : '一般事项（双过半）'}`,
      input,
    });
    return { voteId, workflowId: handle.workflowId };
  }

  /** An election keeps its candidates' names here; the workflow only ever sees their ids. */
  private async registerCandidates(voteId: string, body: StartVoteRequest): Promise<OwnersVoteInput['election']> {
    const decided = electionOf(body);
    // Naming one of candidates and seats without the other is a malformed request; the rest break a rule.
    if ('refused' in decided)
      throw new ApiError(decided.refused === 'ELECTION_INCOMPLETE' ? 400 : 422, decided.refused, decided.reason);
    if (!decided.election) return null;
    const { labels, seats } = decided.election;
    const candidateIds = labels.map(() => randomUUID());
    await insertVoteCandidates(this.dataSource, voteId, candidateIds, labels);
    return { candidateIds, seats };
  }

  private async findVote(voteId: string): Promise<VoteRow> {
    const vote = await findVote(this.dataSource, voteId);
    if (!vote) throw voteNotFound();
    return vote;
  }

  /** A vote of an estate the caller may see; the same 404 whether it is elsewhere or does not exist. */
  private async visibleVote(principal: Principal, voteId: string): Promise<VoteRow> {
    const vote = await this.findVote(voteId);
    await this.estates.findVisible(principal, vote.estateId).catch(() => Promise.reject(voteNotFound()));
    return vote;
  }

  /** The vote as its organisers see it, with live turnout (heads and area so far). */
  async detail(principal: Principal, voteId: string) {
    await this.visibleVote(principal, voteId);
    const { closedAt, ...row } = await voteDetail(this.dataSource, voteId);
    const withRule = {
      ...row,
      rule: decisionRule(row.matter as Matter),
      revocableByCourtUntil: row.result ? await this.courtWindowEnds(closedAt as Date) : null,
    };
    if (!GOVERNMENT_ROLES.includes(principal.role)) return withRule;
    const [turnout, settled] = await Promise.all([
      voteTurnout(this.dataSource, voteId),
      row.status === 'open' ? this.settled(voteId, row.matter as Matter) : Promise.resolve(undefined),
    ]);
    return { ...withRule, turnout, settled };
  }

  /**
   * 民法典 art 280: an owner may ask the court to revoke a decision within one year of knowing of it, taken as
   * the day it was counted and posted (结果公示). One year as arts 201–202 count it, a last day off moved (art 203).
   */
  private async courtWindowEnds(countedAt: Date): Promise<string> {
    const lastDay = yearsAfter(chinaDate(countedAt), 1);
    return periodEndDate(startOfChinaDay(lastDay), { days: 0, unit: 'calendar' }, await this.readCalendar()).value;
  }

  /**
   * 条例 art 19: the 街道 or the housing bureau orders a decision corrected, or revokes an unlawful one, with its
   * reason, and every owner on the vote's roll is told in the same transaction. Each kind once per vote. A
   * revocation is then signalled to the procedure the vote decided for (a fund use, a 续筹, a formation), which
   * stops the path that relied on it; a repeated revocation signals it again (the procedure hears it once), so
   * a signal lost after the commit is sent by the clerk's retry.
   */
  async intervene(principal: Principal, voteId: string, body: VoteInterventionRequest) {
    const vote = await this.visibleVote(principal, voteId);
    const decided = (await voteResult(this.dataSource, voteId))!;
    if (!decided.result) throw new ApiError(409, 'VOTE_NOT_DECIDED', '尚未计票，没有可责令改正或撤销的决定');
    const reason = body.reason.trim();
    const recorded = await this.dataSource.transaction(async (m) => {
      const ordered = await insertVoteIntervention(m, {
        voteId,
        kind: body.kind,
        reason,
        role: principal.role,
        organisationId: principal.organisationId!,
        userId: principal.userId,
      });
      if (!ordered) return null;
      const ownersNotified = await enqueueNoticeToOwners(
        m,
        { voteId },
        {
          dedupPrefix: `vote-${body.kind}:${voteId}`,
          title: `业主共同决定${VOTE_INTERVENTIONS[body.kind]}通告`,
          body: `「${decided.question}」：${VOTE_INTERVENTIONS[body.kind]}。理由：${reason}（《物业管理条例》第十九条）`,
        },
        vote.workflowId,
      );
      return { kind: body.kind, reason, ownersNotified };
    });
    const procedureTold = body.kind === 'revocation' ? await this.tellParentProcedure(principal, vote, reason) : false;
    if (!recorded)
      throw new ApiError(409, 'INTERVENTION_ALREADY_ORDERED', `已对该决定作出过${VOTE_INTERVENTIONS[body.kind]}`);
    return { ...recorded, procedureTold };
  }

  /** Signals a revocation to the vote's parent procedure; false when there is none or it has already ended. */
  private async tellParentProcedure(principal: Principal, vote: VoteRow, reason: string): Promise<boolean> {
    if (!vote.parentWorkflowId) return false;
    const orderedByRole = principal.role as 'street_office' | 'housing_bureau'; // @Roles admits only these
    try {
      await viaTemporal(() =>
        this.temporal.workflow
          .getHandle(vote.parentWorkflowId!)
          .signal(decisionRevokedSignal, { voteId: vote.id, reason, orderedByRole }),
      );
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PROCEDURE_NOT_FOUND') return false;
      throw error;
    }
  }

  /** Whether the rest of the roll can still change the result: what early close will be judged by. */
  private async settled(voteId: string, matter: Matter) {
    const { units, ballots, vote } = await voteCountInputs(this.dataSource, voteId);
    return voteSettled({ matter, units, ballots, election: vote.kind === 'election' });
  }

  /** An estate's votes, newest first. */
  async list(principal: Principal, estateId: string, page: number, pageSize: number) {
    await this.estates.findVisible(principal, estateId);
    const { items, total } = await estateVotesPage(this.dataSource, estateId, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** An owner's own ballot, after the real-name check. */
  async cast(principal: Principal, voteId: string, body: CastBallotRequest) {
    const ownerId = principal.ownerId!; // @Roles('owner') admits only an owner of record
    const verified = await this.identity.verify({
      ownerId,
      idNumber: body.idNumber.toUpperCase(),
      certificateNo: body.certificateNo,
    });
    if (!verified) {
      this.metrics.ballotsRefused.inc({ channel: 'online', code: 'IDENTITY_NOT_VERIFIED' });
      throw new ApiError(403, 'IDENTITY_NOT_VERIFIED', '实名核验未通过：身份证号或不动产权证号与登记不符');
    }
    const ballotId = await this.ballotBox.cast(voteId, { ownerId }, body, {
      channel: 'online',
      castByOwnerId: ownerId,
    });
    return { ballotId, channel: 'online', choice: body.choice ?? null, candidateIds: body.candidateIds ?? null };
  }

  /**
   * A proxy or paper ballot the organiser enters for a unit on the roll, with the document that supports it
   * (授权委托书 or the scanned 表决票) already uploaded to this vote for that unit.
   */
  async record(principal: Principal, voteId: string, body: RecordBallotRequest) {
    await this.visibleVote(principal, voteId);
    const document = await this.documents.find(body.documentId);
    if (
      document.subjectType !== 'vote' ||
      document.subjectId !== voteId ||
      document.slot !== body.unitId ||
      document.kind !== SUPPORTING_DOCUMENT[body.channel]
    ) {
      this.metrics.ballotsRefused.inc({ channel: body.channel, code: 'SUPPORTING_DOCUMENT_MISMATCH' });
      throw new ApiError(
        422,
        'SUPPORTING_DOCUMENT_MISMATCH',
        `须先为该房屋上传本次表决的「${DOCUMENT_KINDS[SUPPORTING_DOCUMENT[body.channel]].label}」，再录入选票`,
      );
    }
    const ballotId = await this.ballotBox.cast(voteId, { unitId: body.unitId }, body, {
      channel: body.channel,
      documentId: document.id,
      recordedBy: principal.userId,
    });
    return { ballotId, channel: body.channel, choice: body.choice ?? null, candidateIds: body.candidateIds ?? null };
  }

  /** Uploads the 授权委托书 or the scanned 表决票 for one unit on the roll. */
  async uploadDocument(
    principal: Principal,
    voteId: string,
    body: UploadVoteDocumentRequest,
    file: StagedUpload | undefined,
  ) {
    const vote = await this.visibleVote(principal, voteId);
    if (!(await unitOnRoll(this.dataSource, voteId, body.unitId)))
      throw new ApiError(422, 'UNIT_NOT_ON_ROLL', '该房屋不在本次表决名册内');
    return this.documents.store(
      principal,
      { estateId: vote.estateId, subjectType: 'vote', subjectId: voteId, kind: body.kind, slot: body.unitId },
      file,
    );
  }

  async closeEarly(principal: Principal, voteId: string) {
    const vote = await this.visibleVote(principal, voteId);
    const handle = this.temporal.workflow.getHandle(vote.workflowId);
    return viaTemporal(() => handle.executeUpdate(closeVoteEarlyUpdate, { args: [{ actor: actorOf(principal) }] }));
  }

  /** 结果公示: the count and the rooms that took part, with areas; never names or individual choices. */
  async resultNotice(principal: Principal, voteId: string) {
    await this.visibleVote(principal, voteId);
    const row = (await voteResult(this.dataSource, voteId))!;
    if (!row.result) throw new ApiError(409, 'NOT_TALLIED', '尚未计票，暂无结果公示');
    if (row.kind === 'election') {
      const labels = await voteCandidateLabels(this.dataSource, voteId);
      const byId = new Map(labels.map((l) => [l.candidate_id, l.label]));
      row.result = (row.result as Array<{ candidateId: string }>).map((c) => ({ ...c, name: byId.get(c.candidateId) }));
    }
    const rooms = await participatingRooms(this.dataSource, voteId);
    return {
      question: row.question,
      matter: row.matter,
      kind: row.kind,
      status: row.status,
      result: row.result,
      participatingRooms: rooms,
    };
  }

  /** 询异公示 of the roll: every unit with its area and voting subject, no names. */
  async roll(principal: Principal, voteId: string, page: number, pageSize: number) {
    await this.visibleVote(principal, voteId);
    const items = await voteRollPage(this.dataSource, voteId, page, pageSize);
    return { items, page, pageSize };
  }

  private requireRollOpen(vote: VoteRow): void {
    if (vote.status !== 'notice' && vote.status !== 'open')
      throw new ApiError(409, 'VOTE_CLOSED', '投票已结束，名册不再受理异议或更正');
  }

  async raiseObjection(principal: Principal, voteId: string, body: RaiseObjectionRequest) {
    const ownerId = principal.ownerId!; // @Roles('owner') admits only an owner of record
    const vote = await this.findVote(voteId);
    this.requireRollOpen(vote);
    if (!(await ownerOnRoll(this.dataSource, voteId, ownerId)))
      throw new ApiError(403, 'VOTER_OUTSIDE_SCOPE', '您在本次表决范围内没有房屋');
    if (body.unitId) {
      if (!(await unitOnRoll(this.dataSource, voteId, body.unitId)))
        throw new ApiError(422, 'UNIT_NOT_ON_ROLL', '所涉房屋不在本次表决名册内');
    }
    return insertRollObjection(this.dataSource, voteId, body.unitId ?? null, ownerId, body.reason.trim());
  }

  async objections(principal: Principal, voteId: string) {
    await this.visibleVote(principal, voteId);
    return listRollObjections(this.dataSource, voteId);
  }

  /** The organiser answers an objection; an accepted one may correct the unit's area on this vote's roll. */
  async answerObjection(principal: Principal, voteId: string, objectionId: string, body: AnswerObjectionRequest) {
    const vote = await this.visibleVote(principal, voteId);
    this.requireRollOpen(vote);
    if (body.correctedArea !== undefined && (!body.accepted || Number(body.correctedArea) <= 0)) {
      throw new ApiError(422, 'CORRECTION_INVALID', '只有采纳的异议可以更正面积，且面积须大于零');
    }
    return this.dataSource.transaction(async (m) => {
      const objection = await lockRollObjection(m, objectionId, voteId);
      if (!objection) throw notFound('OBJECTION_NOT_FOUND', '异议不存在');
      if (objection.status !== 'open') throw new ApiError(409, 'ALREADY_ANSWERED', '该异议已答复');
      if (body.correctedArea !== undefined) {
        if (!objection.unit_id) throw new ApiError(422, 'CORRECTION_INVALID', '该异议未指明房屋，不能更正面积');
        await correctRollArea(m, voteId, objection.unit_id, body.correctedArea);
      }
      await answerRollObjection(m, objectionId, {
        status: body.accepted ? 'accepted' : 'rejected',
        text: body.answer.trim(),
        correctedArea: body.correctedArea ?? null,
        answeredBy: principal.userId,
      });
      return {
        id: objectionId,
        status: body.accepted ? 'accepted' : 'rejected',
        correctedArea: body.correctedArea ?? null,
      };
    });
  }
}
