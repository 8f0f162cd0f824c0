// Owns committee_formations, formation_objections, committee_prep_members, committee_people, committee_candidates, candidate_reviews, committees, committee_members; points estate_fund_settings.owners_committee_id at the serving 业委会.
import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentRef } from '../../contracts/src/committee-formation';
import type {
  CandidateVerdict,
  FormationApplicant,
  PrepGroupMember,
  TemporaryCommitteeMember,
} from '../../domain/src/committee';

type Db = DataSource | EntityManager;

// ---- formations (the formation activities) ----

export interface NewFormation {
  formationId: string;
  workflowId: string;
  estateId: string;
  mode: string;
  applicant: FormationApplicant;
  at: string;
}

export async function insertFormation(db: Db, input: NewFormation): Promise<void> {
  await db.query(
    `INSERT INTO committee_formations (id, workflow_id, estate_id, mode, applicant, started_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [input.formationId, input.workflowId, input.estateId, input.mode, input.applicant, input.at],
  );
}

/** The 筹备组's members and its formation date, once (call inside a transaction). */
export async function savePrepGroup(
  m: EntityManager,
  input: { formationId: string; members: PrepGroupMember[]; at: string },
): Promise<void> {
  await m.query(
    `INSERT INTO committee_prep_members (formation_id, person_id, side, leader)
     SELECT $1, p, s, l FROM unnest($2::uuid[], $3::text[], $4::boolean[]) AS x(p, s, l) ON CONFLICT DO NOTHING`,
    [
      input.formationId,
      input.members.map((x) => x.personId),
      input.members.map((x) => x.side),
      input.members.map((x) => x.leader),
    ],
  );
  await m.query(
    `UPDATE committee_formations SET prep_group_formed_at = coalesce(prep_group_formed_at, $2) WHERE id = $1`,
    [input.formationId, input.at],
  );
}

export async function savePreparation(
  db: Db,
  input: { formationId: string; meetingDate: string; documents: { covenant: DocumentRef; meetingRules: DocumentRef } },
): Promise<void> {
  await db.query(`UPDATE committee_formations SET meeting_date = $2, documents = $3 WHERE id = $1`, [
    input.formationId,
    input.meetingDate,
    JSON.stringify(input.documents),
  ]);
}

/** The roll, the 筹备组 and the candidates are posted; the meeting day is fixed with them. */
export async function saveFormationPosting(
  db: Db,
  input: { formationId: string; meetingDate: string; postedOn: string },
): Promise<void> {
  await db.query(`UPDATE committee_formations SET meeting_date = $2, posted_on = $3 WHERE id = $1`, [
    input.formationId,
    input.meetingDate,
    input.postedOn,
  ]);
}

/** The street office's answer, written before the step (its text), is final once the step is taken. */
export async function closeFormationObjection(
  db: Db,
  input: { formationId: string; objectionId: string; answeredBy: string; at: string },
): Promise<void> {
  await db.query(
    `UPDATE formation_objections SET status = 'answered', answered_by = $3, answered_at = coalesce(answered_at, $4)
      WHERE id = $1 AND formation_id = $2`,
    [input.objectionId, input.formationId, input.answeredBy, input.at],
  );
}

/** Nominated candidates after those already listed, and the seats (call inside a transaction). */
export async function saveCandidates(
  m: EntityManager,
  input: { formationId: string; candidates: Array<{ personId: string; nominatedBy: string }>; seats: number },
): Promise<void> {
  await m.query(
    `INSERT INTO committee_candidates (formation_id, person_id, nominated_by, ordinal)
     SELECT $1, p, n, (SELECT count(*) FROM committee_candidates WHERE formation_id = $1) + o
       FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS x(p, n, o) ON CONFLICT DO NOTHING`,
    [input.formationId, input.candidates.map((c) => c.personId), input.candidates.map((c) => c.nominatedBy)],
  );
  await m.query(`UPDATE committee_formations SET seats = $2 WHERE id = $1`, [input.formationId, input.seats]);
}

/** One department's 资格联审 verdicts, once per candidate and department. */
export async function saveReview(
  db: Db,
  input: {
    formationId: string;
    departmentKind: string;
    organisationId: string;
    verdicts: CandidateVerdict[];
    reviewedBy: string;
    at: string;
  },
): Promise<void> {
  const v = input.verdicts;
  await db.query(
    `INSERT INTO candidate_reviews (formation_id, person_id, department_kind, organisation_id, passed, reason, findings, reviewed_by, reviewed_at)
     SELECT $1, p, $2, $3, ok, r, coalesce((SELECT array_agg(f) FROM json_array_elements_text(fs) f), '{}'), $7, $8
       FROM unnest($4::uuid[], $5::boolean[], $6::text[], $9::json[]) AS x(p, ok, r, fs)
     ON CONFLICT DO NOTHING`,
    [
      input.formationId,
      input.departmentKind,
      input.organisationId,
      v.map((x) => x.candidateId),
      v.map((x) => x.passed),
      v.map((x) => x.reason.trim()),
      input.reviewedBy,
      input.at,
      v.map((x) => JSON.stringify(x.findings ?? [])),
    ],
  );
}

/** Ends a 资格联审: a candidate refused by any department is out; returns the others in list order. */
export async function settleReviews(db: Db, formationId: string): Promise<string[]> {
  await db.query(
    `UPDATE committee_candidates c SET status = CASE WHEN EXISTS (
        SELECT 1 FROM candidate_reviews r WHERE r.formation_id = c.formation_id AND r.person_id = c.person_id AND NOT r.passed)
      THEN 'refused' ELSE 'approved' END
      WHERE c.formation_id = $1 AND c.status = 'nominated'`,
    [formationId],
  );
  const rows: Array<{ id: string }> = await db.query(
    `SELECT person_id AS id FROM committee_candidates WHERE formation_id = $1 AND status = 'approved' ORDER BY ordinal`,
    [formationId],
  );
  return rows.map((r) => r.id);
}

/** The elected become the committee (status elected until filed); returns the figures for the party share. */
export async function recordElectedCommittee(
  m: EntityManager,
  input: {
    formationId: string;
    committeeId: string;
    estateId: string;
    electedIds: string[];
    termStart: string;
    termEnd: string;
  },
): Promise<{ members: number; partyMembers: number; memberOwnerIds: string[] }> {
  await m.query(
    `INSERT INTO committees (id, estate_id, kind, formation_id, status, term_start, term_end) VALUES ($1, $2, 'owners_committee', $3, 'elected', $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [input.committeeId, input.estateId, input.formationId, input.termStart, input.termEnd],
  );
  await m.query(
    `INSERT INTO committee_members (committee_id, person_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [input.committeeId, input.electedIds],
  );
  await m.query(
    `UPDATE committee_candidates SET status = CASE WHEN person_id = ANY($2::uuid[]) THEN 'elected' ELSE 'not_elected' END
      WHERE formation_id = $1 AND status IN ('approved','elected','not_elected')`,
    [input.formationId, input.electedIds],
  );
  const [counts] = await m.query(
    `SELECT count(*)::int AS members, count(*) FILTER (WHERE p.party_member)::int AS "partyMembers",
            coalesce(array_agg(p.owner_id) FILTER (WHERE p.owner_id IS NOT NULL), '{}') AS "memberOwnerIds"
       FROM committee_members cm JOIN committee_people p ON p.id = cm.person_id WHERE cm.committee_id = $1`,
    [input.committeeId],
  );
  return counts;
}

/** 主任 and 副主任 from the first meeting, and the party-member share (call inside a transaction). */
export async function saveCommitteeOfficers(
  m: EntityManager,
  input: { committeeId: string; directorId: string; deputyIds: string[]; partyMemberPercent: number },
): Promise<void> {
  await m.query(
    `UPDATE committee_members SET position = CASE WHEN person_id = $2 THEN 'director' WHEN person_id = ANY($3::uuid[]) THEN 'deputy' ELSE 'member' END
      WHERE committee_id = $1`,
    [input.committeeId, input.directorId, input.deputyIds],
  );
  await m.query(`UPDATE committees SET party_member_percent = $2 WHERE id = $1`, [
    input.committeeId,
    input.partyMemberPercent,
  ]);
}

/**
 * 备案: the committee starts serving; a serving 物管会 is dissolved and an outgoing committee's term ends
 * (a 换届). Call inside a transaction, so an estate never shows two serving committees of a kind.
 */
export async function activateCommittee(
  m: EntityManager,
  input: {
    committeeId: string;
    formationId: string;
    estateId: string;
    filingNumber: string;
    filingPackage: object;
    at: string;
  },
): Promise<void> {
  await m.query(
    `UPDATE committees SET status = CASE kind WHEN 'temporary_committee' THEN 'dissolved' ELSE 'expired' END, ended_at = $3
      WHERE estate_id = $1 AND status = 'active' AND id <> $2`,
    [input.estateId, input.committeeId, input.at],
  );
  await m.query(
    `UPDATE committees SET status = 'active', filing_number = $2, filing_package = $3, filed_at = $4 WHERE id = $1 AND status = 'elected'`,
    [input.committeeId, input.filingNumber, JSON.stringify(input.filingPackage), input.at],
  );
  await m.query(`UPDATE committee_formations SET status = 'committee', closed_at = $2 WHERE id = $1`, [
    input.formationId,
    input.at,
  ]);
  // The fund's 业委会 is the committee in office (165号令 art 23): a 换届 hands the fund's decisions over too.
  await m.query(`UPDATE estate_fund_settings SET owners_committee_id = $2 WHERE estate_id = $1`, [
    input.estateId,
    input.committeeId,
  ]);
}

/**
 * A 物管会 after a failed meeting, once (call inside a transaction): `named` until its own procedure's 资格联审
 * and 备案 (a formation from before, or one whose 物管会 procedure could not start: serving at once).
 */
export interface NewTemporaryCommittee {
  formationId: string;
  committeeId: string;
  estateId: string;
  members: TemporaryCommitteeMember[];
  termStart: string;
  termEnd: string;
  named?: boolean;
  at: string;
}

export async function createTemporaryCommittee(m: EntityManager, input: NewTemporaryCommittee): Promise<void> {
  const created: unknown[] = await m.query(
    `INSERT INTO committees (id, estate_id, kind, formation_id, status, term_start, term_end) VALUES ($1, $2, 'temporary_committee', $3, $6, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      input.committeeId,
      input.estateId,
      input.formationId,
      input.termStart,
      input.termEnd,
      input.named ? 'named' : 'active',
    ],
  );
  if (!created.length) return;
  await m.query(
    `INSERT INTO committee_members (committee_id, person_id, side, position)
     SELECT $1, p, s, CASE WHEN c THEN 'chair' ELSE 'member' END FROM unnest($2::uuid[], $3::text[], $4::boolean[]) AS x(p, s, c)`,
    [
      input.committeeId,
      input.members.map((x) => x.personId),
      input.members.map((x) => x.side),
      input.members.map((x) => x.chair),
    ],
  );
  await m.query(`UPDATE committee_formations SET status = 'temporary_committee', closed_at = $2 WHERE id = $1`, [
    input.formationId,
    input.at,
  ]);
}

export async function cancelFormation(db: Db, formationId: string, at: string): Promise<void> {
  await db.query(
    `UPDATE committee_formations SET status = 'cancelled', closed_at = $2 WHERE id = $1 AND status = 'running'`,
    [formationId, at],
  );
}

/**
 * 条例 art 19: the election that made a committee was revoked before its 备案; the elected committee never
 * serves (a filed one is not touched).
 */
export async function voidElectedCommittee(db: Db, committeeId: string, at: string): Promise<void> {
  await db.query(`UPDATE committees SET status = 'dissolved', ended_at = $2 WHERE id = $1 AND status = 'elected'`, [
    committeeId,
    at,
  ]);
}

/** The term is over and handed over: the committee stops serving unless a successor already replaced it. */
export async function endCommitteeTerm(db: Db, committeeId: string, at: string): Promise<void> {
  await db.query(`UPDATE committees SET status = 'expired', ended_at = $2 WHERE id = $1 AND status = 'active'`, [
    committeeId,
    at,
  ]);
}

// ---- people (names stay here; steps name them by id) ----

/** People a step names; a candidate carries the owner record they stand as (委员应当由业主担任), others none. */
export async function insertCommitteePeople(
  db: Db,
  estateId: string,
  people: Array<{ id: string; name: string; partyMember: boolean; ownerId?: string | null }>,
): Promise<void> {
  await db.query(
    `INSERT INTO committee_people (id, estate_id, full_name, party_member, owner_id)
     SELECT id, $2, name, party, owner FROM unnest($1::uuid[], $3::text[], $4::boolean[], $5::uuid[]) AS x(id, name, party, owner)`,
    [
      people.map((p) => p.id),
      estateId,
      people.map((p) => p.name),
      people.map((p) => p.partyMember),
      people.map((p) => p.ownerId ?? null),
    ],
  );
}

/**
 * The member a login is on the estate's fund 业委会 in office (estate_fund_settings.owners_committee_id,
 * status active), through the owner record the member stands as; undefined when the owner is not a member.
 */
export async function fundCommitteeMemberOf(
  db: Db,
  estateId: string,
  ownerId: string,
): Promise<{ committeeId: string; personId: string } | undefined> {
  const [member] = await db.query(
    `SELECT c.id AS "committeeId", p.id AS "personId"
       FROM estate_fund_settings s JOIN committees c ON c.id = s.owners_committee_id AND c.status = 'active'
       JOIN committee_members m ON m.committee_id = c.id JOIN committee_people p ON p.id = m.person_id
      WHERE s.estate_id = $1 AND p.owner_id = $2 LIMIT 1`,
    [estateId, ownerId],
  );
  return member;
}

/** The estate's 业委会 in office (estate_fund_settings.owners_committee_id, status active), if any. */
export async function servingCommitteeOf(db: Db, estateId: string): Promise<string | undefined> {
  const [row] = await db.query(
    `SELECT c.id FROM estate_fund_settings s JOIN committees c ON c.id = s.owners_committee_id AND c.status = 'active'
      WHERE s.estate_id = $1`,
    [estateId],
  );
  return row?.id;
}

/** The members of a committee who stand as owner records (those who can log in): committee_people ids. */
export async function committeeOwnerMemberIds(db: Db, committeeId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `SELECT p.id FROM committee_members m JOIN committee_people p ON p.id = m.person_id
      WHERE m.committee_id = $1 AND p.owner_id IS NOT NULL ORDER BY p.id`,
    [committeeId],
  );
  return rows.map((r) => r.id);
}

/** The member a login is on the given committee, through the owner record the member stands as; else undefined. */
export async function committeeMemberOf(db: Db, committeeId: string, ownerId: string): Promise<string | undefined> {
  const [member] = await db.query(
    `SELECT p.id FROM committee_members m JOIN committee_people p ON p.id = m.person_id
      WHERE m.committee_id = $1 AND p.owner_id = $2 LIMIT 1`,
    [committeeId, ownerId],
  );
  return member?.id;
}

/** Of these people of the estate, those linked to no owner record (named before the link, 未关联业主档案). */
export async function peopleWithoutOwnerRecord(db: Db, estateId: string, ids: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `SELECT id FROM committee_people WHERE estate_id = $1 AND id = ANY($2::uuid[]) AND owner_id IS NULL ORDER BY id`,
    [estateId, ids],
  );
  return rows.map((r) => r.id);
}

/** Removes people a refused step would have named. */
export async function deleteCommitteePeople(db: Db, ids: string[]): Promise<void> {
  await db.query(`DELETE FROM committee_people WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---- formation postings and objections (the API, before and after the step it sends) ----

export async function formationIdOfWorkflow(db: Db, workflowId: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT id FROM committee_formations WHERE workflow_id = $1`, [workflowId]);
  return row?.id;
}

export async function insertFormationObjection(
  db: Db,
  input: { id: string; formationId: string; subject: string; ownerId: string; reason: string },
): Promise<void> {
  await db.query(
    `INSERT INTO formation_objections (id, formation_id, subject, raised_by_owner_id, reason) VALUES ($1, $2, $3, $4, $5)`,
    [input.id, input.formationId, input.subject, input.ownerId, input.reason],
  );
}

/** An objection the workflow refused is removed again. */
export async function deleteOpenFormationObjection(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM formation_objections WHERE id = $1 AND status = 'open'`, [id]);
}

/** Writes the answer's text to an open objection of the formation; false if there is none such. */
export async function draftFormationObjectionAnswer(
  db: Db,
  input: { id: string; formationId: string; answer: string | null },
): Promise<boolean> {
  // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count].
  const [rows] = await db.query(
    `UPDATE formation_objections SET answer = $3 WHERE id = $1 AND formation_id = $2 AND status = 'open' RETURNING id`,
    [input.id, input.formationId, input.answer],
  );
  return (rows as unknown[]).length > 0;
}

/** The posting of a formation: its day, the meeting, the roll's figures, the 筹备组 and the approved candidates (names in clear; the caller masks). */
export async function formationPosting(
  db: Db,
  formationId: string,
): Promise<
  | {
      postedOn: string | null;
      meetingDate: string | null;
      roll: { heads: number; area: string };
      prepGroup: Array<{ name: string; side: string; leader: boolean }>;
      candidates: Array<{ ordinal: number; name: string; status: string }>;
      objections: Array<{
        id: string;
        subject: string;
        reason: string;
        status: string;
        answer: string | null;
        raisedAt: string;
        answeredAt: string | null;
        ownerId: string;
      }>;
    }
  | undefined
> {
  const [formation] = await db.query(
    `SELECT f.estate_id AS "estateId", to_char(f.posted_on, 'YYYY-MM-DD') AS "postedOn", to_char(f.meeting_date, 'YYYY-MM-DD') AS "meetingDate",
            (SELECT count(DISTINCT u.voting_subject_id)::int FROM units u WHERE u.estate_id = f.estate_id) AS heads,
            (SELECT coalesce(sum(u.exclusive_area), 0)::text FROM units u WHERE u.estate_id = f.estate_id) AS area
       FROM committee_formations f WHERE f.id = $1`,
    [formationId],
  );
  if (!formation) return undefined;
  const [prepGroup, candidates, objections] = await Promise.all([
    db.query(
      `SELECT p.full_name AS name, m.side, m.leader FROM committee_prep_members m JOIN committee_people p ON p.id = m.person_id
        WHERE m.formation_id = $1 ORDER BY m.leader DESC, m.side, p.full_name`,
      [formationId],
    ),
    db.query(
      `SELECT c.ordinal::int AS ordinal, p.full_name AS name, c.status FROM committee_candidates c JOIN committee_people p ON p.id = c.person_id
        WHERE c.formation_id = $1 AND c.status IN ('approved','elected','not_elected') ORDER BY c.ordinal`,
      [formationId],
    ),
    db.query(
      `SELECT id, subject, reason, status, answer, raised_at AS "raisedAt", answered_at AS "answeredAt", raised_by_owner_id AS "ownerId"
         FROM formation_objections WHERE formation_id = $1 ORDER BY raised_at, id`,
      [formationId],
    ),
  ]);
  return {
    postedOn: formation.postedOn,
    meetingDate: formation.meetingDate,
    roll: { heads: formation.heads, area: formation.area },
    prepGroup,
    candidates,
    objections,
  };
}

// ---- reading (API) ----

/** The last day of the term of the estate's serving 业委会, or null when none serves. */
export async function servingOwnersCommitteeTermEnd(db: Db, estateId: string): Promise<string | null> {
  const [serving] = await db.query(
    `SELECT to_char(term_end, 'YYYY-MM-DD') AS "termEnd" FROM committees WHERE estate_id = $1 AND kind = 'owners_committee' AND status = 'active'`,
    [estateId],
  );
  return serving?.termEnd ?? null;
}

/** Candidates of the estate's latest formation, in list order, with each department's verdict and findings. */
export async function latestFormationCandidates(
  db: Db,
  estateId: string,
): Promise<
  Array<{
    id: string;
    ordinal: number;
    name: string;
    partyMember: boolean;
    status: string;
    ownerLinked: boolean;
    reviews: unknown;
  }>
> {
  return db.query(
    `SELECT c.person_id AS id, c.ordinal::int AS ordinal, p.full_name AS name, p.party_member AS "partyMember", c.nominated_by AS "nominatedBy", c.status,
          p.owner_id IS NOT NULL AS "ownerLinked",
          coalesce((SELECT json_agg(json_build_object('department', r.department_kind, 'passed', r.passed, 'reason', r.reason, 'findings', r.findings)
                                    ORDER BY r.department_kind)
                      FROM candidate_reviews r WHERE r.formation_id = c.formation_id AND r.person_id = c.person_id), '[]') AS reviews
     FROM committee_candidates c JOIN committee_people p ON p.id = c.person_id
    WHERE c.formation_id = (SELECT id FROM committee_formations WHERE estate_id = $1 ORDER BY started_at DESC LIMIT 1)
    ORDER BY c.ordinal`,
    [estateId],
  );
}

export async function committeesOfEstate(db: Db, estateId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, kind, status, to_char(term_start, 'YYYY-MM-DD') AS "termStart", to_char(term_end, 'YYYY-MM-DD') AS "termEnd", filing_number AS "filingNumber"
       FROM committees WHERE estate_id = $1 ORDER BY created_at DESC`,
    [estateId],
  );
}

export interface CommitteeRow {
  id: string;
  estateId: string;
  kind: string;
  status: string;
  termStart: string;
  termEnd: string;
  filingNumber: string | null;
  filedAt: Date | null;
  partyMemberPercent: number | null;
}

export async function findCommittee(db: Db, committeeId: string): Promise<CommitteeRow | undefined> {
  const [committee] = await db.query(
    `SELECT id, estate_id AS "estateId", kind, status, to_char(term_start, 'YYYY-MM-DD') AS "termStart", to_char(term_end, 'YYYY-MM-DD') AS "termEnd",
            filing_number AS "filingNumber", filed_at AS "filedAt", party_member_percent::float AS "partyMemberPercent"
       FROM committees WHERE id = $1`,
    [committeeId],
  );
  return committee;
}

/** A committee's members in order of position, names in clear (the caller masks them). */
export async function committeeMembers(
  db: Db,
  committeeId: string,
): Promise<Array<{ personId: string; name: string; position: string; side: string; partyMember: boolean }>> {
  return db.query(
    `SELECT m.person_id AS "personId", p.full_name AS name, m.position, m.side, p.party_member AS "partyMember"
     FROM committee_members m JOIN committee_people p ON p.id = m.person_id
    WHERE m.committee_id = $1 ORDER BY array_position(ARRAY['director','chair','deputy','member'], m.position::text), p.full_name`,
    [committeeId],
  );
}

/**
 * For 业委会组建率: each estate under a path (`pathPattern` ends with %) with its delivery figures and whether a 业委会
 * serves; the figures from the registry's per-estate totals, not the street's units (600,000 at city scale).
 */
export async function estatesForFormationRate(
  db: Db,
  pathPattern: string,
): Promise<
  Array<{
    estateId: string;
    path: string;
    firstDeliveryDate: string | null;
    totalArea: string;
    deliveredArea: string;
    active: boolean;
    partyMembers: number;
    /** Members of the serving 业委会 (0 without one). */
    members: number;
    /** A 物管会 serves (自治组织覆盖率). */
    interimActive: boolean;
  }>
> {
  return db.query(
    `SELECT e.id AS "estateId", e.jurisdiction_path AS path, to_char(e.first_delivery_date, 'YYYY-MM-DD') AS "firstDeliveryDate",
            coalesce(u.total_area, 0)::numeric(14,2)::text AS "totalArea",
            coalesce(u.delivered_area, 0)::numeric(14,2)::text AS "deliveredArea",
            s.id IS NOT NULL AS active,
            (SELECT count(*)::int FROM committee_members m JOIN committee_people p ON p.id = m.person_id
              WHERE m.committee_id = s.id AND p.party_member) AS "partyMembers",
            (SELECT count(*)::int FROM committee_members m WHERE m.committee_id = s.id) AS members,
            EXISTS (SELECT 1 FROM committees t WHERE t.estate_id = e.id AND t.kind = 'temporary_committee' AND t.status = 'active') AS "interimActive"
       FROM estates e LEFT JOIN estate_unit_totals u ON u.estate_id = e.id
       LEFT JOIN committees s ON s.estate_id = e.id AND s.kind = 'owners_committee' AND s.status = 'active'
      WHERE e.jurisdiction_path LIKE $1`,
    [pathPattern],
  );
}
