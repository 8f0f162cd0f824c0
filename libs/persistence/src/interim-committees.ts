// Owns interim_committee_cases, interim_member_reviews, and the 物管会 rows of committees and committee_members it sets up (a failed meeting's are committees.ts').
import type { DataSource, EntityManager } from 'typeorm';
import type { InterimCommitteeInput } from '../../contracts/src/interim-committee';
import { reviewPanel, type CandidateVerdict, type TemporaryCommitteeMember } from '../../domain/src/committee';
import type { InterimCommitteeOrigin } from '../../domain/src/interim-committee';
import type { LocalityPolicy } from '../../domain/src/policy';
import { localityPolicy } from './locality-policy';
import { communityOffice, estateDeliveredArea, nearestDepartment, nearestHousingBureau } from './registry';

type Db = DataSource | EntityManager;

// ---- the case (the 物管会 activities) ----

export async function insertInterimCase(
  db: Db,
  input: {
    caseId: string;
    workflowId: string;
    estateId: string;
    origin: InterimCommitteeOrigin;
    existingCommitteeId: string | null;
    at: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO interim_committee_cases (id, workflow_id, estate_id, origin, status, committee_id, started_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::uuid IS NULL THEN 'running' ELSE 'serving' END, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [input.caseId, input.workflowId, input.estateId, input.origin, input.existingCommitteeId, input.at],
  );
  if (input.existingCommitteeId)
    await db.query(`UPDATE committees SET interim_case_id = $2 WHERE id = $1`, [
      input.existingCommitteeId,
      input.caseId,
    ]);
}

/**
 * The API claims the case before it starts the workflow (in the transaction that starts it): false when the estate
 * already has a 物管会 case being set up or serving (the partial unique index), so a second start is refused.
 */
export async function claimInterimCase(
  m: EntityManager,
  input: { caseId: string; workflowId: string; estateId: string; origin: InterimCommitteeOrigin; at: string },
): Promise<boolean> {
  const claimed: unknown[] = await m.query(
    `INSERT INTO interim_committee_cases (id, workflow_id, estate_id, origin, started_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [input.caseId, input.workflowId, input.estateId, input.origin, input.at],
  );
  return claimed.length === 1;
}

/**
 * The street office names the members: the 物管会's row (named until its 备案) with these members, replacing a
 * previous round's; a failed meeting's row (its formation's) becomes the case's. Call inside a transaction.
 */
export async function saveInterimMembers(
  m: EntityManager,
  input: { caseId: string; committeeId: string; estateId: string; members: TemporaryCommitteeMember[]; today: string },
): Promise<void> {
  await m.query(
    `INSERT INTO committees (id, estate_id, kind, interim_case_id, status, term_start, term_end)
     VALUES ($1, $2, 'temporary_committee', $3, 'named', $4, $4) ON CONFLICT (id) DO UPDATE SET interim_case_id = $3`,
    [input.committeeId, input.estateId, input.caseId, input.today],
  );
  await m.query(`DELETE FROM committee_members WHERE committee_id = $1`, [input.committeeId]);
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
  await m.query(`UPDATE interim_committee_cases SET committee_id = $2 WHERE id = $1`, [
    input.caseId,
    input.committeeId,
  ]);
}

/** One department's verdicts on the owner members in one round, once each. */
export async function saveInterimReview(
  db: Db,
  input: {
    caseId: string;
    round: number;
    departmentKind: string;
    organisationId: string;
    verdicts: CandidateVerdict[];
    reviewedBy: string;
    at: string;
  },
): Promise<void> {
  const v = input.verdicts;
  await db.query(
    `INSERT INTO interim_member_reviews (case_id, round, person_id, department_kind, organisation_id, passed, reason, findings, reviewed_by, reviewed_at)
     SELECT $1, $2, p, $3, $4, ok, r, coalesce((SELECT array_agg(f) FROM json_array_elements_text(fs) f), '{}'), $8, $9
       FROM unnest($5::uuid[], $6::boolean[], $7::text[], $10::json[]) AS x(p, ok, r, fs)
     ON CONFLICT DO NOTHING`,
    [
      input.caseId,
      input.round,
      input.departmentKind,
      input.organisationId,
      v.map((x) => x.candidateId),
      v.map((x) => x.passed),
      v.map((x) => (x.reason ?? '').trim()),
      input.reviewedBy,
      input.at,
      v.map((x) => JSON.stringify(x.findings ?? [])),
    ],
  );
}

/** The owner members some department refused in a round. */
export async function refusedInterimMembers(db: Db, caseId: string, round: number): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `SELECT DISTINCT person_id AS id FROM interim_member_reviews WHERE case_id = $1 AND round = $2 AND NOT passed ORDER BY 1`,
    [caseId, round],
  );
  return rows.map((r) => r.id);
}

/** 备案: the 物管会 serves from now for its term (call inside a transaction). */
export async function activateInterimCommittee(
  m: EntityManager,
  input: { caseId: string; committeeId: string; filingNumber: string; termStart: string; termEnd: string; at: string },
): Promise<void> {
  await m.query(
    `UPDATE committees SET status = 'active', filing_number = $2, filed_at = $3, term_start = $4, term_end = $5
      WHERE id = $1 AND status = 'named'`,
    [input.committeeId, input.filingNumber, input.at, input.termStart, input.termEnd],
  );
  await m.query(`UPDATE interim_committee_cases SET status = 'serving' WHERE id = $1 AND status = 'running'`, [
    input.caseId,
  ]);
}

/**
 * The case ends: dissolved after its handover (the 业委会's 备案 already dissolved the row), expired at its term's
 * end, or superseded before it served (its named row is dissolved too). Call inside a transaction.
 */
export async function closeInterimCase(
  m: EntityManager,
  input: { caseId: string; status: 'dissolved' | 'expired' | 'superseded'; handover: object | null; at: string },
): Promise<void> {
  await m.query(
    `UPDATE committees SET status = CASE WHEN $2 = 'expired' THEN 'expired' ELSE 'dissolved' END, ended_at = coalesce(ended_at, $3)
      WHERE interim_case_id = $1 AND status IN ('named','active')`,
    [input.caseId, input.status, input.at],
  );
  await m.query(
    `UPDATE interim_committee_cases SET status = $2, handover = $3, closed_at = $4 WHERE id = $1 AND status IN ('running','serving')`,
    [input.caseId, input.status, input.handover === null ? null : JSON.stringify(input.handover), input.at],
  );
}

/** The workflows of the estate's 物管会 cases being set up or serving, for a 业委会's 备案 to dissolve. */
export async function openInterimWorkflows(db: Db, estateId: string): Promise<string[]> {
  const rows: Array<{ workflow_id: string }> = await db.query(
    `SELECT workflow_id FROM interim_committee_cases WHERE estate_id = $1 AND status IN ('running','serving') ORDER BY started_at`,
    [estateId],
  );
  return rows.map((r) => r.workflow_id);
}

// ---- starting one (API and the term watch) ----

/** Whether the estate has a 物管会 being set up or serving (a case of its own, or a failed meeting's). */
export async function hasInterimCommittee(db: Db, estateId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM interim_committee_cases WHERE estate_id = $1 AND status IN ('running','serving'))
         OR EXISTS (SELECT 1 FROM committees WHERE estate_id = $1 AND kind = 'temporary_committee' AND status = 'active') AS found`,
    [estateId],
  );
  return row.found;
}

/** Whether a 业委会 of the estate serves. */
export async function hasServingOwnersCommittee(db: Db, estateId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM committees WHERE estate_id = $1 AND kind = 'owners_committee' AND status = 'active') AS found`,
    [estateId],
  );
  return row.found;
}

export type InterimStartFacts =
  | {
      input: Omit<InterimCommitteeInput, 'caseId' | 'origin' | 'existing'>;
      path: string;
      policy: LocalityPolicy;
      firstDeliveryDate: string | null;
    }
  | {
      code:
        'ESTATE_NOT_FOUND' | 'NO_COMMUNITY_OFFICE' | 'NO_STREET_OFFICE' | 'NO_HOUSING_BUREAU' | 'NO_REVIEW_DEPARTMENT';
      reason: string;
    };

/**
 * What a 物管会 of the estate starts with, from the registry and the estate's policy: its offices, the 资格联审
 * panel of the policy's departments (the nearest of each kind above the estate), or why it cannot start.
 */
export async function interimStartFacts(db: Db, estateId: string): Promise<InterimStartFacts> {
  const [estate]: Array<{
    name: string;
    code: string;
    path: string;
    developer: string | null;
    firstDeliveryDate: string | null;
  }> = await db.query(
    `SELECT name, jurisdiction_code AS code, jurisdiction_path AS path, developer_id AS developer,
            to_char(first_delivery_date, 'YYYY-MM-DD') AS "firstDeliveryDate" FROM estates WHERE id = $1`,
    [estateId],
  );
  if (!estate) return { code: 'ESTATE_NOT_FOUND', reason: '小区不存在' };
  const policy = await localityPolicy(db, estate.path);
  const community = await communityOffice(db, estate.code);
  if (!community) return { code: 'NO_COMMUNITY_OFFICE', reason: '该小区所在社区（村）没有登记居（村）委会' };
  const [street]: Array<{ id: string }> = await db.query(
    `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = 'street_office' AND $1 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1`,
    [estate.path],
  );
  if (!street) return { code: 'NO_STREET_OFFICE', reason: '未找到该小区所属街道（乡镇）' };
  const bureau = await nearestHousingBureau(db, estate.path);
  if (!bureau) return { code: 'NO_HOUSING_BUREAU', reason: '未找到该小区所在区县的物业主管部门' };
  const departments = policy.interimCommittee.reviewDepartments;
  const found = await Promise.all(departments.map((d) => nearestDepartment(db, d.kind, estate.path)));
  const panel = reviewPanel(departments, found);
  if ('missing' in panel)
    return { code: 'NO_REVIEW_DEPARTMENT', reason: `辖区内没有登记负责资格联审的${panel.missing.label}部门` };
  return {
    path: estate.path,
    policy,
    firstDeliveryDate: estate.firstDeliveryDate,
    input: {
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.code,
      streetOfficeOrganisationId: street.id,
      communityOrganisationId: community,
      housingBureauOrganisationId: bureau,
      hasDeveloper: estate.developer !== null,
      reviewers: panel.reviewers,
      policy: policy.interimCommittee,
    },
  };
}

/** The registry's delivery figures of an estate with its first delivery date, as 闽条例 art 9 looks at them. */
export async function interimDeliveryFacts(db: Db, estateId: string, firstDeliveryDate: string | null) {
  return { ...(await estateDeliveredArea(db, estateId)), firstDeliveryDate };
}

/**
 * The clerk's list "为不具备组建条件的小区组建物管会": estates under a path (`pathPattern` ends with %) with neither a
 * serving 业委会 nor a 物管会 (serving or being set up), with their delivery figures for the eligibility test.
 */
export async function estatesWithoutSelfGovernance(
  db: Db,
  pathPattern: string,
): Promise<
  Array<{
    id: string;
    name: string;
    jurisdictionCode: string;
    path: string;
    firstDeliveryDate: string | null;
    totalArea: string;
    deliveredArea: string;
  }>
> {
  return db.query(
    `SELECT e.id, e.name, e.jurisdiction_code AS "jurisdictionCode", e.jurisdiction_path AS path,
            to_char(e.first_delivery_date, 'YYYY-MM-DD') AS "firstDeliveryDate",
            coalesce(sum(u.exclusive_area), 0)::numeric(14,2)::text AS "totalArea",
            coalesce(sum(u.exclusive_area) FILTER (WHERE u.delivered), 0)::numeric(14,2)::text AS "deliveredArea"
       FROM estates e LEFT JOIN units u ON u.estate_id = e.id
      WHERE e.jurisdiction_path LIKE $1
        AND NOT EXISTS (SELECT 1 FROM committees c WHERE c.estate_id = e.id AND c.status = 'active')
        AND NOT EXISTS (SELECT 1 FROM interim_committee_cases i WHERE i.estate_id = e.id AND i.status IN ('running','serving'))
      GROUP BY e.id ORDER BY e.jurisdiction_path, e.name`,
    [pathPattern],
  );
}
