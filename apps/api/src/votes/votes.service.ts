import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ownersVote } from '../../../../workflows/owners-vote';
import {
  closeVoteEarlyUpdate,
  OWNERS_VOTE_FIRST_STAGE,
  ownersVoteWorkflowId,
  type OwnersVoteInput,
} from '../../../../libs/contracts/src/owners-vote';
import { DOCUMENT_KINDS } from '../../../../libs/domain/src/documents';
import { electionOf } from '../../../../libs/domain/src/owners-decision';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures.service';
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
} from './votes.dto';
import { ApiMetrics } from '../metrics/api-metrics';
import { BallotBox } from './ballot-box';
import { ownerOnRoll, unitOnRoll } from './vote-roll';
import { IDENTITY_VERIFIER, type IdentityVerifier } from './identity-verifier';

/** The document a recorded ballot must rest on. */
const SUPPORTING_DOCUMENT = { proxy: 'proxy_authorisation', paper: 'paper_ballot' } as const;

interface VoteRow {
  id: string;
  estateId: string;
  workflowId: string;
  status: string;
  opensAt: Date;
  closesAt: Date;
}

@Injectable()
export class VotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    @Inject(IDENTITY_VERIFIER) private readonly identity: IdentityVerifier,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly ballotBox: BallotBox,
    private readonly metrics: ApiMetrics,
    private readonly procedures: Procedures,
  ) {}

  async start(principal: Principal, estateId: string, body: StartVoteRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const buildingIds = body.buildingIds ?? [];
    if (buildingIds.length) {
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM buildings WHERE estate_id = $1 AND id = ANY($2::uuid[])`,
        [estateId, buildingIds],
      );
      if (n !== new Set(buildingIds).size)
        throw new ApiError(422, 'BUILDING_NOT_IN_ESTATE', '表决范围中有不属于该小区的楼栋');
    }
    const voteId = randomUUID();
    const election = await this.registerCandidates(voteId, body);
    const input: OwnersVoteInput = {
      voteId,
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      organiserOrganisationId: principal.organisationId!,
      matter: body.matter,
      question: body.question.trim(),
      scope: { buildingIds },
      assemblyMeeting: body.assemblyMeeting ?? true,
      election,
      policy: (await localityPolicy(this.dataSource, estate.jurisdictionPath)).ownersVote,
    };
    const handle = await this.procedures.start<typeof ownersVote, 'owners-vote'>({
      type: 'owners-vote',
      workflowType: 'ownersVote',
      workflowId: ownersVoteWorkflowId(voteId),
      estate,
      firstStage: OWNERS_VOTE_FIRST_STAGE,
      details: `表决 ${voteId} · ${body.matter === 'special' ? '特别事项（双四分之三）' : '一般事项（双过半）'}`,
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
    await this.dataSource.query(
      `INSERT INTO vote_candidates (vote_id, candidate_id, label, ordinal) SELECT $1, id, label, ord FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS c(id, label, ord)`,
      [voteId, candidateIds, labels],
    );
    return { candidateIds, seats };
  }

  private async findVote(voteId: string): Promise<VoteRow> {
    const [vote] = await this.dataSource.query(
      `SELECT id, estate_id AS "estateId", workflow_id AS "workflowId", status, opens_at AS "opensAt", closes_at AS "closesAt" FROM votes WHERE id = $1`,
      [voteId],
    );
    if (!vote) throw notFound('VOTE_NOT_FOUND', '表决不存在或尚未开始登记');
    return vote;
  }

  /** A vote of an estate the caller may see; 404 otherwise. */
  private async visibleVote(principal: Principal, voteId: string): Promise<VoteRow> {
    const vote = await this.findVote(voteId);
    await this.estates.findVisible(principal, vote.estateId);
    return vote;
  }

  /** The vote as its organisers see it, with live turnout (heads and area so far). */
  async detail(principal: Principal, voteId: string) {
    await this.visibleVote(principal, voteId);
    const [row] = await this.dataSource.query(
      `SELECT v.id, v.matter, v.kind, v.seats, v.question, v.status, v.opens_at AS "opensAt", v.closes_at AS "closesAt", v.result,
              (SELECT json_agg(json_build_object('id', c.candidate_id, 'name', c.label) ORDER BY c.ordinal)
                 FROM vote_candidates c WHERE c.vote_id = v.id) AS candidates,
              (SELECT count(DISTINCT subject_id)::int FROM vote_roll WHERE vote_id = v.id) AS "totalHeads",
              (SELECT coalesce(sum(area), 0)::numeric(14,2)::text FROM vote_roll WHERE vote_id = v.id) AS "totalArea"
         FROM votes v WHERE v.id = $1`,
      [voteId],
    );
    if (!GOVERNMENT_ROLES.includes(principal.role)) return row;
    const [turnout] = await this.dataSource.query(
      `SELECT count(*)::int AS "votedHeads",
              count(*) FILTER (WHERE b.channel = 'proxy')::int AS "proxyBallots",
              count(*) FILTER (WHERE b.channel = 'paper')::int AS "paperBallots",
              coalesce(sum((SELECT sum(r.area) FROM vote_roll r WHERE r.vote_id = b.vote_id AND r.subject_id = b.subject_id)), 0)::numeric(14,2)::text AS "votedArea"
         FROM ballots b WHERE b.vote_id = $1`,
      [voteId],
    );
    return { ...row, turnout };
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
    const [row] = await this.dataSource.query(
      `SELECT question, matter, kind, status, result FROM votes WHERE id = $1`,
      [voteId],
    );
    if (!row.result) throw new ApiError(409, 'NOT_TALLIED', '尚未计票，暂无结果公示');
    if (row.kind === 'election') {
      const labels: Array<{ candidate_id: string; label: string }> = await this.dataSource.query(
        `SELECT candidate_id, label FROM vote_candidates WHERE vote_id = $1`,
        [voteId],
      );
      const byId = new Map(labels.map((l) => [l.candidate_id, l.label]));
      row.result = (row.result as Array<{ candidateId: string }>).map((c) => ({ ...c, name: byId.get(c.candidateId) }));
    }
    const rooms = await this.dataSource.query(
      `SELECT b.name AS building, u.room_no AS "roomNo", r.area::text AS area, bl.channel
         FROM ballots bl JOIN vote_roll r ON r.vote_id = bl.vote_id AND r.subject_id = bl.subject_id
         JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE bl.vote_id = $1 ORDER BY b.name, u.room_no`,
      [voteId],
    );
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
    const items = await this.dataSource.query(
      `SELECT b.name AS building, u.room_no AS "roomNo", r.unit_id AS "unitId", r.area::text AS area, r.subject_id AS "votingSubjectId"
         FROM vote_roll r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE r.vote_id = $1 ORDER BY b.name, u.room_no OFFSET $2 LIMIT $3`,
      [voteId, (page - 1) * pageSize, pageSize],
    );
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
    const [objection] = await this.dataSource.query(
      `INSERT INTO vote_roll_objections (vote_id, unit_id, raised_by_owner_id, reason) VALUES ($1, $2, $3, $4) RETURNING id, status`,
      [voteId, body.unitId ?? null, principal.ownerId, body.reason.trim()],
    );
    return objection;
  }

  async objections(principal: Principal, voteId: string) {
    await this.visibleVote(principal, voteId);
    return this.dataSource.query(
      `SELECT id, unit_id AS "unitId", reason, status, answer, corrected_area::text AS "correctedArea", raised_at AS "raisedAt", answered_at AS "answeredAt"
         FROM vote_roll_objections WHERE vote_id = $1 ORDER BY raised_at`,
      [voteId],
    );
  }

  /** The organiser answers an objection; an accepted one may correct the unit's area on this vote's roll. */
  async answerObjection(principal: Principal, voteId: string, objectionId: string, body: AnswerObjectionRequest) {
    const vote = await this.visibleVote(principal, voteId);
    this.requireRollOpen(vote);
    if (body.correctedArea !== undefined && (!body.accepted || Number(body.correctedArea) <= 0)) {
      throw new ApiError(422, 'CORRECTION_INVALID', '只有采纳的异议可以更正面积，且面积须大于零');
    }
    return this.dataSource.transaction(async (m) => {
      const [objection] = await m.query(
        `SELECT unit_id, status FROM vote_roll_objections WHERE id = $1 AND vote_id = $2 FOR UPDATE`,
        [objectionId, voteId],
      );
      if (!objection) throw notFound('OBJECTION_NOT_FOUND', '异议不存在');
      if (objection.status !== 'open') throw new ApiError(409, 'ALREADY_ANSWERED', '该异议已答复');
      if (body.correctedArea !== undefined) {
        if (!objection.unit_id) throw new ApiError(422, 'CORRECTION_INVALID', '该异议未指明房屋，不能更正面积');
        await m.query(`UPDATE vote_roll SET area = $3 WHERE vote_id = $1 AND unit_id = $2`, [
          voteId,
          objection.unit_id,
          body.correctedArea,
        ]);
      }
      await m.query(
        `UPDATE vote_roll_objections SET status = $2, answer = $3, corrected_area = $4, answered_by = $5, answered_at = now() WHERE id = $1`,
        [
          objectionId,
          body.accepted ? 'accepted' : 'rejected',
          body.answer.trim(),
          body.correctedArea ?? null,
          principal.userId,
        ],
      );
      return {
        id: objectionId,
        status: body.accepted ? 'accepted' : 'rejected',
        correctedArea: body.correctedArea ?? null,
      };
    });
  }
}
