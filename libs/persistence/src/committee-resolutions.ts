// Owns committee_resolutions and committee_resolution_votes (业委会决议 and 委员表决); reads estate_fund_settings, committees, committee_members and committee_people.
import type { DataSource, EntityManager } from 'typeorm';
import type { ResolutionChoice, ResolutionOutcome } from '../../domain/src/committee';

type Db = DataSource | EntityManager;

export type ResolutionKind = 'fund_use_approval';

export interface OpenedResolution {
  resolutionId: string;
  /** The committee in office that decides, or null when the estate has none. */
  committeeId: string | null;
  /** Its members (committee_people ids) when the resolution opened. */
  memberIds: string[];
}

/**
 * Opens a 业委会决议 on a matter, once per procedure and kind: the estate's fund 业委会 in office
 * (estate_fund_settings.owners_committee_id, status active) and its members then. A retry returns the row
 * the first attempt wrote. Null committee when the fund has no 业委会 in office.
 */
export async function openResolution(
  db: Db,
  input: {
    resolutionId: string;
    estateId: string;
    kind: ResolutionKind;
    matterRef: string;
    workflowId: string;
    at: string;
  },
): Promise<OpenedResolution> {
  const [committee]: Array<{ id: string; memberIds: string[] }> = await db.query(
    `SELECT c.id, coalesce((SELECT array_agg(m.person_id ORDER BY m.person_id) FROM committee_members m WHERE m.committee_id = c.id), '{}') AS "memberIds"
       FROM estate_fund_settings s JOIN committees c ON c.id = s.owners_committee_id AND c.status = 'active'
      WHERE s.estate_id = $1`,
    [input.estateId],
  );
  if (!committee) return { resolutionId: input.resolutionId, committeeId: null, memberIds: [] };
  await db.query(
    `INSERT INTO committee_resolutions (id, committee_id, estate_id, kind, matter_ref, workflow_id, member_ids, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8) ON CONFLICT (workflow_id, kind) DO NOTHING`,
    [
      input.resolutionId,
      committee.id,
      input.estateId,
      input.kind,
      input.matterRef,
      input.workflowId,
      committee.memberIds,
      input.at,
    ],
  );
  const [row] = await db.query(
    `SELECT id AS "resolutionId", committee_id AS "committeeId", member_ids AS "memberIds" FROM committee_resolutions WHERE workflow_id = $1 AND kind = $2`,
    [input.workflowId, input.kind],
  );
  return row;
}

/** One member's 表决, once (a retried activity writes nothing new). */
export async function recordResolutionVote(
  db: Db,
  input: { resolutionId: string; personId: string; choice: ResolutionChoice; recordedBy: string; at: string },
): Promise<void> {
  await db.query(
    `INSERT INTO committee_resolution_votes (resolution_id, person_id, choice, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [input.resolutionId, input.personId, input.choice, input.recordedBy, input.at],
  );
}

/** The outcome, once it is no longer pending. */
export async function decideResolution(
  db: Db,
  input: { resolutionId: string; outcome: Exclude<ResolutionOutcome, 'pending'>; at: string },
): Promise<void> {
  await db.query(
    `UPDATE committee_resolutions SET outcome = $2, decided_at = $3 WHERE id = $1 AND outcome = 'pending'`,
    [input.resolutionId, input.outcome, input.at],
  );
}

export interface ResolutionRecord {
  id: string;
  committeeId: string;
  kind: string;
  matterRef: string;
  outcome: ResolutionOutcome;
  openedAt: Date;
  decidedAt: Date | null;
  /** Every member in office when it opened, with their vote if cast (names in clear; the caller masks them). */
  members: Array<{
    personId: string;
    name: string;
    position: string | null;
    choice: ResolutionChoice | null;
    recordedBy: string | null;
    recordedAt: Date | null;
  }>;
}

/** A procedure's resolution of a kind with each member and vote, or undefined before it opened. */
export async function resolutionOfProcedure(
  db: Db,
  workflowId: string,
  kind: ResolutionKind,
): Promise<ResolutionRecord | undefined> {
  const [row] = await db.query(
    `SELECT r.id, r.committee_id AS "committeeId", r.kind, r.matter_ref AS "matterRef", r.outcome, r.opened_at AS "openedAt", r.decided_at AS "decidedAt",
            coalesce((SELECT json_agg(json_build_object('personId', p.id, 'name', p.full_name, 'position', cm.position, 'choice', v.choice,
                                                        'recordedBy', v.recorded_by, 'recordedAt', v.recorded_at)
                                      ORDER BY array_position(ARRAY['director','chair','deputy','member'], cm.position::text), p.full_name)
                        FROM unnest(r.member_ids) AS mid(id) JOIN committee_people p ON p.id = mid.id
                        LEFT JOIN committee_members cm ON cm.committee_id = r.committee_id AND cm.person_id = p.id
                        LEFT JOIN committee_resolution_votes v ON v.resolution_id = r.id AND v.person_id = p.id), '[]') AS members
       FROM committee_resolutions r WHERE r.workflow_id = $1 AND r.kind = $2`,
    [workflowId, kind],
  );
  return row;
}
