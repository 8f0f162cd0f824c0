// Owns votes, vote_candidates, vote_roll, ballots, vote_roll_objections, vote_interventions (reads owners, units, buildings for the roll and the real-name check).
import type { DataSource, EntityManager } from 'typeorm';
import type { VoteScope } from '../../contracts/src/owners-vote';
import type { Ballot, ElectionBallot, UnitInScope } from '../../domain/src/owners-decision';
import { unitInScope } from './registry';

type Db = DataSource | EntityManager;

// ---- the vote and its frozen roll (the owners' vote activities) ----

export interface NewVote {
  voteId: string;
  workflowId: string;
  estateId: string;
  /** The office that organised the vote (absent from an attempt an older worker scheduled). */
  organiserOrganisationId?: string;
  matter: string;
  /** The art 278 item (absent from an attempt an older worker scheduled). */
  matterItem?: string;
  question: string;
  scope: VoteScope;
  opensAt: string;
  closesAt: string;
  allowRevote: boolean;
  allowEarlyClose: boolean;
  seats: number | null;
  /** The procedure the vote decides for (its parent workflow), told of a revocation; absent when none or older. */
  parentWorkflowId?: string | null;
}

/** Registers the vote in notice; false when it is already registered (a retried activity). */
export async function insertVote(db: Db, input: NewVote): Promise<boolean> {
  const created: unknown[] = await db.query(
    `INSERT INTO votes (id, workflow_id, estate_id, matter, question, scope, status, allow_revote, opens_at, closes_at, kind, seats, organiser_organisation_id, allow_early_close, matter_item, parent_workflow_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'notice', $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      input.voteId,
      input.workflowId,
      input.estateId,
      input.matter,
      input.question,
      JSON.stringify(input.scope),
      input.allowRevote,
      input.opensAt,
      input.closesAt,
      input.seats ? 'election' : 'question',
      input.seats,
      input.organiserOrganisationId ?? null,
      input.allowEarlyClose,
      input.matterItem ?? null,
      input.parentWorkflowId ?? null,
    ],
  );
  return created.length > 0;
}

/** Freezes the roll: the units in scope (the whole estate, or the named buildings' and rooms') and their voting subjects. */
export async function freezeVoteRoll(db: Db, voteId: string, estateId: string, scope: VoteScope): Promise<void> {
  await db.query(
    `INSERT INTO vote_roll (vote_id, unit_id, subject_id, area)
     SELECT $1, u.id, u.voting_subject_id, u.exclusive_area FROM units u
      WHERE u.estate_id = $2 AND ${unitInScope('u', 3)}`,
    [voteId, estateId, scope.buildingIds, scope.unitIds ?? []],
  );
}

export async function voteRollStats(
  db: Db,
  voteId: string,
): Promise<{ units: number; subjects: number; area: string }> {
  const [stats] = await db.query(
    `SELECT count(*)::int AS units, count(DISTINCT subject_id)::int AS subjects, coalesce(sum(area), 0)::numeric(14,2)::text AS area
       FROM vote_roll WHERE vote_id = $1`,
    [voteId],
  );
  return stats;
}

export async function setVoteStatus(db: Db, voteId: string, status: string, at: string): Promise<void> {
  await db.query(
    `UPDATE votes SET status = $2, closed_at = CASE WHEN $2::varchar = 'closed' THEN $3::timestamptz ELSE closed_at END WHERE id = $1`,
    [voteId, status, at],
  );
}

export async function saveVoteResult(db: Db, voteId: string, result: unknown): Promise<void> {
  await db.query(`UPDATE votes SET result = $2 WHERE id = $1`, [voteId, JSON.stringify(result)]);
}

export interface VoteCountInputs {
  units: UnitInScope[];
  ballots: Array<Ballot & ElectionBallot>;
  vote: { kind: string; seats: number | null; candidateIds: string[] };
}

/** What a count needs: the roll, the ballots, and the vote's form (kind, seats, candidates in list order). */
export async function voteCountInputs(db: Db, voteId: string): Promise<VoteCountInputs> {
  const [units, ballots, [vote]] = await Promise.all([
    db.query(
      `SELECT unit_id AS "unitId", area::text AS area, subject_id AS "subjectId" FROM vote_roll WHERE vote_id = $1`,
      [voteId],
    ),
    db.query(
      `SELECT subject_id AS "subjectId", choice, coalesce(candidate_ids, '{}')::text[] AS "candidateIds" FROM ballots WHERE vote_id = $1`,
      [voteId],
    ),
    db.query(
      `SELECT v.kind, v.seats, array(SELECT candidate_id::text FROM vote_candidates c WHERE c.vote_id = v.id ORDER BY ordinal) AS "candidateIds"
         FROM votes v WHERE v.id = $1`,
      [voteId],
    ),
  ]);
  return { units, ballots, vote };
}

// ---- candidates ----

/** An election's candidates named at the start: labels stay here, the workflow gets the ids. */
export async function insertVoteCandidates(
  db: Db,
  voteId: string,
  candidateIds: string[],
  labels: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO vote_candidates (vote_id, candidate_id, label, ordinal) SELECT $1, id, label, ord FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS c(id, label, ord)`,
    [voteId, candidateIds, labels],
  );
}

/** A formation's approved candidates become the election's, names copied inside PostgreSQL; returns their ids in order. */
export async function copyFormationCandidatesToVote(db: Db, formationId: string, voteId: string): Promise<string[]> {
  await db.query(
    `INSERT INTO vote_candidates (vote_id, candidate_id, label, ordinal)
     SELECT $2, c.person_id, p.full_name, row_number() OVER (ORDER BY c.ordinal)
       FROM committee_candidates c JOIN committee_people p ON p.id = c.person_id
      WHERE c.formation_id = $1 AND c.status = 'approved' ON CONFLICT DO NOTHING`,
    [formationId, voteId],
  );
  const rows: Array<{ id: string }> = await db.query(
    `SELECT candidate_id AS id FROM vote_candidates WHERE vote_id = $1 ORDER BY ordinal`,
    [voteId],
  );
  return rows.map((r) => r.id);
}

export async function voteCandidateLabels(
  db: Db,
  voteId: string,
): Promise<Array<{ candidate_id: string; label: string }>> {
  return db.query(`SELECT candidate_id, label FROM vote_candidates WHERE vote_id = $1`, [voteId]);
}

// ---- reading a vote (API) ----

export interface VoteRow {
  id: string;
  estateId: string;
  workflowId: string;
  status: string;
  opensAt: Date;
  closesAt: Date;
  /** Null: not recorded (a vote created before it was), so the street office of its estate. */
  organiserOrganisationId: string | null;
  /** The procedure the vote decides for, if it is a child of one (recorded since 1766200000000). */
  parentWorkflowId: string | null;
}

export async function findVote(db: Db, voteId: string): Promise<VoteRow | undefined> {
  const [vote] = await db.query(
    `SELECT id, estate_id AS "estateId", workflow_id AS "workflowId", status, opens_at AS "opensAt", closes_at AS "closesAt",
            organiser_organisation_id AS "organiserOrganisationId", parent_workflow_id AS "parentWorkflowId"
       FROM votes WHERE id = $1`,
    [voteId],
  );
  return vote;
}

/** The vote as its organisers see it, with the roll's totals. */
export async function voteDetail(db: Db, voteId: string): Promise<Record<string, unknown>> {
  const [row] = await db.query(
    `SELECT v.id, v.estate_id AS "estateId", (SELECT name FROM estates e WHERE e.id = v.estate_id) AS "estateName",
            v.workflow_id AS "workflowId", v.matter, v.matter_item AS "matterItem", v.kind, v.seats, v.question, v.status,
            v.opens_at AS "opensAt", v.closes_at AS "closesAt", v.result, v.allow_early_close AS "allowEarlyClose",
            (SELECT json_agg(json_build_object('id', c.candidate_id, 'name', c.label) ORDER BY c.ordinal)
               FROM vote_candidates c WHERE c.vote_id = v.id) AS candidates,
            v.closed_at AS "closedAt",
            (SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'reason', i.reason, 'orderedByRole', i.ordered_by_role,
                                                        'orderedAt', i.ordered_at) ORDER BY i.ordered_at), '[]')
               FROM vote_interventions i WHERE i.vote_id = v.id) AS interventions,
            (SELECT count(DISTINCT subject_id)::int FROM vote_roll WHERE vote_id = v.id) AS "totalHeads",
            (SELECT coalesce(sum(area), 0)::numeric(14,2)::text FROM vote_roll WHERE vote_id = v.id) AS "totalArea"
       FROM votes v WHERE v.id = $1`,
    [voteId],
  );
  return row;
}

/** The columns of a vote in a list. */
const VOTE_SUMMARY = `v.id, v.estate_id AS "estateId", v.workflow_id AS "workflowId", v.question, v.matter, v.matter_item AS "matterItem", v.kind, v.status,
            v.opens_at AS "opensAt", v.closes_at AS "closesAt", v.created_at AS "createdAt"`;

/** An estate's votes, newest first: one page and the total. */
export async function estateVotesPage(
  db: Db,
  estateId: string,
  page: number,
  pageSize: number,
): Promise<{ items: unknown[]; total: number }> {
  const [items, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${VOTE_SUMMARY} FROM votes v WHERE v.estate_id = $1 ORDER BY v.created_at DESC, v.id LIMIT $2 OFFSET $3`,
      [estateId, pageSize, (page - 1) * pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM votes WHERE estate_id = $1`, [estateId]),
  ]);
  return { items, total };
}

/**
 * The votes whose roll holds a unit of the owner's voting subjects, newest first, with the estate's name,
 * whether the owner's subject has voted, and the election's candidates (names as the organiser listed them).
 */
export async function ownerVotes(db: Db, ownerId: string): Promise<unknown[]> {
  return db.query(
    `SELECT ${VOTE_SUMMARY}, e.name AS "estateName", v.seats,
            EXISTS (SELECT 1 FROM ballots b JOIN voting_subject_owners vso ON vso.voting_subject_id = b.subject_id
                     WHERE b.vote_id = v.id AND vso.owner_id = $1) AS voted,
            (SELECT json_agg(json_build_object('id', c.candidate_id, 'name', c.label) ORDER BY c.ordinal)
               FROM vote_candidates c WHERE c.vote_id = v.id) AS candidates
       FROM votes v JOIN estates e ON e.id = v.estate_id
      WHERE EXISTS (SELECT 1 FROM vote_roll r JOIN voting_subject_owners vso ON vso.voting_subject_id = r.subject_id
                     WHERE r.vote_id = v.id AND vso.owner_id = $1)
      ORDER BY v.created_at DESC, v.id LIMIT 100`,
    [ownerId],
  );
}

/** The objections an owner raised to a vote's roll, with their answers. */
export async function ownerRollObjections(db: Db, voteId: string, ownerId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, unit_id AS "unitId", reason, status, answer, corrected_area::text AS "correctedArea", raised_at AS "raisedAt", answered_at AS "answeredAt"
       FROM vote_roll_objections WHERE vote_id = $1 AND raised_by_owner_id = $2 ORDER BY raised_at`,
    [voteId, ownerId],
  );
}

/**
 * What a 公示栏 shows of an estate's votes: those in notice, open, or in their result notice, and the five
 * last published; figures only (the roll's size and area, the stored result), never names or ids of people.
 */
export async function postedVotes(db: Db, estateId: string): Promise<unknown[]> {
  return db.query(
    `SELECT * FROM (
       SELECT v.id, v.question, v.matter, v.kind, v.seats, v.status, v.opens_at AS "opensAt", v.closes_at AS "closesAt",
              v.closed_at AS "closedAt", v.result,
              (SELECT count(*)::int FROM vote_roll r WHERE r.vote_id = v.id) AS "rollUnits",
              (SELECT coalesce(sum(area), 0)::numeric(14,2)::text FROM vote_roll r WHERE r.vote_id = v.id) AS "rollArea",
              row_number() OVER (PARTITION BY v.status = 'published' ORDER BY v.created_at DESC) AS recency
         FROM votes v WHERE v.estate_id = $1) posted
      WHERE status <> 'published' OR recency <= 5
      ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'notice' THEN 1 WHEN 'closed' THEN 2 ELSE 3 END, "opensAt" DESC`,
    [estateId],
  );
}

/** A page of the rooms on a vote's roll (or only those whose subject voted), with areas; nothing of people. */
export async function rollRoomsPage(
  db: Db,
  voteId: string,
  participatedOnly: boolean,
  page: number,
  pageSize: number,
): Promise<{ items: unknown[]; total: number }> {
  const where = `r.vote_id = $1 AND (NOT $2::boolean OR EXISTS (SELECT 1 FROM ballots bl WHERE bl.vote_id = r.vote_id AND bl.subject_id = r.subject_id))`;
  const [items, [{ total }]] = await Promise.all([
    db.query(
      `SELECT b.name AS building, u.room_no AS "roomNo", r.area::text AS area
         FROM vote_roll r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE ${where} ORDER BY b.name, u.room_no LIMIT $3 OFFSET $4`,
      [voteId, participatedOnly, pageSize, (page - 1) * pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM vote_roll r WHERE ${where}`, [voteId, participatedOnly]),
  ]);
  return { items, total };
}

/** Live turnout: heads and area so far, and how many ballots came by proxy or on paper. */
export async function voteTurnout(
  db: Db,
  voteId: string,
): Promise<{ votedHeads: number; proxyBallots: number; paperBallots: number; votedArea: string }> {
  const [turnout] = await db.query(
    `SELECT count(*)::int AS "votedHeads",
            count(*) FILTER (WHERE b.channel = 'proxy')::int AS "proxyBallots",
            count(*) FILTER (WHERE b.channel = 'paper')::int AS "paperBallots",
            coalesce(sum((SELECT sum(r.area) FROM vote_roll r WHERE r.vote_id = b.vote_id AND r.subject_id = b.subject_id)), 0)::numeric(14,2)::text AS "votedArea"
       FROM ballots b WHERE b.vote_id = $1`,
    [voteId],
  );
  return turnout;
}

export async function voteResult(
  db: Db,
  voteId: string,
): Promise<{ question: string; matter: string; kind: string; status: string; result: unknown } | undefined> {
  const [row] = await db.query(`SELECT question, matter, kind, status, result FROM votes WHERE id = $1`, [voteId]);
  return row;
}

/** 条例 art 19: a correction or revocation ordered of a decision, once of each kind; false when already ordered. */
export async function insertVoteIntervention(
  db: Db,
  order: {
    voteId: string;
    kind: 'correction' | 'revocation';
    reason: string;
    role: string;
    organisationId: string;
    userId: string;
  },
): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO vote_interventions (vote_id, kind, reason, ordered_by_role, ordered_by_organisation_id, ordered_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (vote_id, kind) DO NOTHING RETURNING vote_id`,
    [order.voteId, order.kind, order.reason, order.role, order.organisationId, order.userId],
  );
  return inserted.length > 0;
}

/** 结果公示: the rooms whose subject voted, with areas and channel; no names or choices. */
export async function participatingRooms(db: Db, voteId: string): Promise<unknown[]> {
  return db.query(
    `SELECT b.name AS building, u.room_no AS "roomNo", r.area::text AS area, bl.channel
       FROM ballots bl JOIN vote_roll r ON r.vote_id = bl.vote_id AND r.subject_id = bl.subject_id
       JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE bl.vote_id = $1 ORDER BY b.name, u.room_no`,
    [voteId],
  );
}

/** 询异公示 of the roll, one page: every unit with its area and voting subject, no names. */
export async function voteRollPage(db: Db, voteId: string, page: number, pageSize: number): Promise<unknown[]> {
  return db.query(
    `SELECT b.name AS building, u.room_no AS "roomNo", r.unit_id AS "unitId", r.area::text AS area, r.subject_id AS "votingSubjectId"
       FROM vote_roll r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE r.vote_id = $1 ORDER BY b.name, u.room_no OFFSET $2 LIMIT $3`,
    [voteId, (page - 1) * pageSize, pageSize],
  );
}

/** Whether the unit is on the vote's roll. */
export async function unitOnRoll(db: Db, voteId: string, unitId: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM vote_roll WHERE vote_id = $1 AND unit_id = $2`, [voteId, unitId]);
  return rows.length > 0;
}

/** Whether the owner's voting subject holds a unit on the vote's roll. */
export async function ownerOnRoll(db: Db, voteId: string, ownerId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM vote_roll r JOIN voting_subject_owners vso ON vso.voting_subject_id = r.subject_id WHERE r.vote_id = $1 AND vso.owner_id = $2 LIMIT 1`,
    [voteId, ownerId],
  );
  return rows.length > 0;
}

// ---- objections to the roll ----

export async function insertRollObjection(
  db: Db,
  voteId: string,
  unitId: string | null,
  ownerId: string,
  reason: string,
): Promise<{ id: string; status: string }> {
  const [objection] = await db.query(
    `INSERT INTO vote_roll_objections (vote_id, unit_id, raised_by_owner_id, reason) VALUES ($1, $2, $3, $4) RETURNING id, status`,
    [voteId, unitId, ownerId, reason],
  );
  return objection;
}

export async function listRollObjections(db: Db, voteId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, unit_id AS "unitId", reason, status, answer, corrected_area::text AS "correctedArea", raised_at AS "raisedAt", answered_at AS "answeredAt"
       FROM vote_roll_objections WHERE vote_id = $1 ORDER BY raised_at`,
    [voteId],
  );
}

/** The objection, locked for its answer (call inside a transaction). */
export async function lockRollObjection(
  m: EntityManager,
  objectionId: string,
  voteId: string,
): Promise<{ unit_id: string | null; status: string } | undefined> {
  const [objection] = await m.query(
    `SELECT unit_id, status FROM vote_roll_objections WHERE id = $1 AND vote_id = $2 FOR UPDATE`,
    [objectionId, voteId],
  );
  return objection;
}

/** An accepted objection corrects that unit's area on this vote's roll only. */
export async function correctRollArea(db: Db, voteId: string, unitId: string, area: string): Promise<void> {
  await db.query(`UPDATE vote_roll SET area = $3 WHERE vote_id = $1 AND unit_id = $2`, [voteId, unitId, area]);
}

export async function answerRollObjection(
  db: Db,
  objectionId: string,
  answer: { status: 'accepted' | 'rejected'; text: string; correctedArea: string | null; answeredBy: string },
): Promise<void> {
  await db.query(
    `UPDATE vote_roll_objections SET status = $2, answer = $3, corrected_area = $4, answered_by = $5, answered_at = now() WHERE id = $1`,
    [objectionId, answer.status, answer.text, answer.correctedArea, answer.answeredBy],
  );
}

// ---- ownership changing during a vote ----

/**
 * 产权变更: the unit follows its new subject on the rolls of votes in notice or open, unless its subject has
 * already voted there. Returns the votes it moved on, then those where the cast ballot stands.
 */
export async function followUnitTransferOnRolls(
  db: Db,
  unitId: string,
  subjectId: string,
): Promise<{ followed: string[]; stood: string[] }> {
  const followed: Array<{ vote_id: string }> = await db.query(
    `WITH moved AS (
       UPDATE vote_roll r SET subject_id = $2
         FROM votes v
        WHERE v.id = r.vote_id AND r.unit_id = $1 AND v.status IN ('notice', 'open')
          AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = r.vote_id AND b.subject_id = r.subject_id)
       RETURNING r.vote_id)
     SELECT vote_id FROM moved`,
    [unitId, subjectId],
  );
  const stood: Array<{ vote_id: string }> = await db.query(
    `SELECT r.vote_id FROM vote_roll r JOIN votes v ON v.id = r.vote_id
      WHERE r.unit_id = $1 AND v.status IN ('notice', 'open') AND r.subject_id <> $2`,
    [unitId, subjectId],
  );
  return { followed: followed.map((r) => r.vote_id), stood: stood.map((r) => r.vote_id) };
}

// ---- ballots (the ballot box) ----

/** What a vote's ballots must look like (kind, seats, known candidates, re-voting); null for an unknown vote. */
export async function voteForm(
  db: Db,
  voteId: string,
): Promise<
  { kind: 'question' | 'election'; seats: number | null; allowRevote: boolean; candidateIds: string[] } | undefined
> {
  const [form] = await db.query(
    `SELECT kind, seats, allow_revote AS "allowRevote",
            array(SELECT candidate_id::text FROM vote_candidates c WHERE c.vote_id = v.id) AS "candidateIds"
       FROM votes v WHERE v.id = $1`,
    [voteId],
  );
  return form;
}

export interface BallotRow {
  voteId: string;
  ownerId: string | null;
  unitId: string | null;
  choice: string | null;
  candidateIds: string[] | null;
  channel: string;
  castByOwnerId: string | null;
  documentId: string | null;
  recordedBy: string | null;
}

/**
 * One statement for the whole batch: each ballot finds its voting subject on the roll of an open vote;
 * the first ballot of a subject in the batch is inserted unless the subject has voted (or replaces its
 * ballot where the vote allows re-voting). Answers each row's ballot id, or null if it was not written.
 */
export async function insertBallots(db: Db, rows: BallotRow[]): Promise<Array<string | null>> {
  const written: Array<{ ord: number; id: string }> = await db.query(
    `WITH candidate_ballots AS (
       SELECT DISTINCT ON (b."voteId", r.subject_id) b.*, r.subject_id
         FROM jsonb_to_recordset($1::jsonb) AS b(ord int, "voteId" uuid, "ownerId" uuid, "unitId" uuid, choice varchar, "candidateIds" uuid[],
                                                 channel varchar, "castByOwnerId" uuid, "documentId" uuid, "recordedBy" uuid)
         JOIN votes v ON v.id = b."voteId" AND v.status = 'open' AND now() < v.closes_at
         CROSS JOIN LATERAL (
           SELECT r.subject_id FROM vote_roll r WHERE r.vote_id = b."voteId" AND r.unit_id = b."unitId"
           UNION ALL
           SELECT r.subject_id FROM voting_subject_owners vso JOIN vote_roll r ON r.vote_id = b."voteId" AND r.subject_id = vso.voting_subject_id
            WHERE vso.owner_id = b."ownerId"
           LIMIT 1) r
        ORDER BY b."voteId", r.subject_id, b.ord
     ), written AS (
       INSERT INTO ballots (vote_id, subject_id, choice, candidate_ids, channel, cast_by_owner_id, document_id, recorded_by)
       SELECT "voteId", subject_id, choice, "candidateIds", channel, "castByOwnerId", "documentId", "recordedBy" FROM candidate_ballots
       ON CONFLICT (vote_id, subject_id) DO UPDATE
         SET choice = EXCLUDED.choice, candidate_ids = EXCLUDED.candidate_ids, cast_at = now(), channel = EXCLUDED.channel,
             cast_by_owner_id = EXCLUDED.cast_by_owner_id, document_id = EXCLUDED.document_id, recorded_by = EXCLUDED.recorded_by
         WHERE (SELECT allow_revote FROM votes WHERE id = EXCLUDED.vote_id)
       RETURNING id, vote_id, subject_id
     )
     SELECT c.ord, w.id FROM written w JOIN candidate_ballots c ON c."voteId" = w.vote_id AND c.subject_id = w.subject_id`,
    [JSON.stringify(rows.map((row, ord) => ({ ...row, ord })))],
  );
  const ids: Array<string | null> = rows.map(() => null);
  for (const { ord, id } of written) ids[ord] = id;
  return ids;
}

/** The vote's status and window, to explain a refused ballot. */
export async function voteWindow(db: Db, voteId: string): Promise<{ status: string; opensAt: Date; closesAt: Date }> {
  const [vote] = await db.query(
    `SELECT status, opens_at AS "opensAt", closes_at AS "closesAt" FROM votes WHERE id = $1`,
    [voteId],
  );
  return vote;
}

// ---- the real-name check (development verifier) ----

export interface IdentityClaimRow {
  ownerId: string;
  idNumber: string;
  certificateNo: string;
}

/** For each claim: whether the ID number and a 不动产权证号 of one of the owner's units match the registry. */
export async function verifyIdentityClaims(db: Db, claims: IdentityClaimRow[]): Promise<boolean[]> {
  const rows: Array<{ ord: number; verified: boolean }> = await db.query(
    // LATERAL … LIMIT 1: a lookup by index per claim; as EXISTS the planner may hash every owner instead.
    `SELECT c.ord, m.matched IS NOT NULL AS verified
       FROM jsonb_to_recordset($1::jsonb) AS c(ord int, "ownerId" uuid, "idNumber" text, "certificateNo" text)
       LEFT JOIN LATERAL (
         SELECT true AS matched FROM owners o
           JOIN voting_subject_owners vso ON vso.owner_id = o.id
           JOIN units u ON u.voting_subject_id = vso.voting_subject_id
          WHERE o.id = c."ownerId" AND o.id_number = c."idNumber" AND u.certificate_no = c."certificateNo"
          LIMIT 1) m ON true
      ORDER BY c.ord`,
    [JSON.stringify(claims.map((claim, ord) => ({ ...claim, ord })))],
  );
  return rows.map((r) => r.verified);
}
