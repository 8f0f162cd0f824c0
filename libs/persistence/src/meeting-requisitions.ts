// Owns meeting_requisitions, meeting_requisition_signatures (reads units and voting_subject_owners for the estate's heads and area).
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitInScope } from '../../domain/src/owners-decision';

type Db = DataSource | EntityManager;

export interface RequisitionRow {
  id: string;
  estateId: string;
  matterItem: string;
  question: string;
  createdAt: Date;
  metAt: Date | null;
}

const REQUISITION = `id, estate_id AS "estateId", matter_item AS "matterItem", question, created_at AS "createdAt", met_at AS "metAt"`;

/** The voting subject through which an owner holds units in the estate, or null when they hold none there. */
export async function ownerSubjectInEstate(db: Db, ownerId: string, estateId: string): Promise<string | null> {
  const [row] = await db.query(
    `SELECT u.voting_subject_id AS id FROM units u
       JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
      WHERE vso.owner_id = $1 AND u.estate_id = $2 LIMIT 1`,
    [ownerId, estateId],
  );
  return row ? row.id : null;
}

export async function insertRequisition(
  db: Db,
  r: { id: string; estateId: string; matterItem: string; question: string; ownerId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO meeting_requisitions (id, estate_id, matter_item, question, raised_by_owner_id) VALUES ($1, $2, $3, $4, $5)`,
    [r.id, r.estateId, r.matterItem, r.question, r.ownerId],
  );
}

export async function findRequisition(db: Db, id: string): Promise<RequisitionRow | undefined> {
  const [row] = await db.query(`SELECT ${REQUISITION} FROM meeting_requisitions WHERE id = $1`, [id]);
  return row;
}

/** The requisition, locked while a signature is counted, so the one that meets the share is seen once. */
export async function lockRequisition(m: EntityManager, id: string): Promise<RequisitionRow | undefined> {
  const [row] = await m.query(`SELECT ${REQUISITION} FROM meeting_requisitions WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** One signature per voting subject; false when the subject has signed already. */
export async function signRequisition(db: Db, id: string, subjectId: string, ownerId: string): Promise<boolean> {
  const signed: unknown[] = await db.query(
    `INSERT INTO meeting_requisition_signatures (requisition_id, subject_id, owner_id) VALUES ($1, $2, $3)
     ON CONFLICT (requisition_id, subject_id) DO NOTHING RETURNING subject_id`,
    [id, subjectId, ownerId],
  );
  return signed.length > 0;
}

/** What the share is judged on: every unit of the estate with its subject, and the subjects that signed. */
export async function requisitionCountInputs(
  db: Db,
  id: string,
  estateId: string,
): Promise<{ units: UnitInScope[]; supporterIds: string[] }> {
  const { units, supporterIds } = await requisitionsCountInputs(db, estateId, [id]);
  return { units, supporterIds: supporterIds.get(id)! };
}

/** A page of the estate's requisitions, newest first, with the total. */
export async function estateRequisitionsPage(
  db: Db,
  estateId: string,
  page: number,
  pageSize: number,
): Promise<{ items: RequisitionRow[]; total: number }> {
  const [items, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${REQUISITION} FROM meeting_requisitions WHERE estate_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [estateId, pageSize, (page - 1) * pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM meeting_requisitions WHERE estate_id = $1`, [estateId]),
  ]);
  return { items, total };
}

/** What the shares of several requisitions of one estate are judged on: its units once, each one's signers. */
export async function requisitionsCountInputs(
  db: Db,
  estateId: string,
  ids: string[],
): Promise<{ units: UnitInScope[]; supporterIds: Map<string, string[]> }> {
  const [units, signatures] = await Promise.all([
    db.query(
      `SELECT id AS "unitId", exclusive_area::text AS area, voting_subject_id AS "subjectId" FROM units WHERE estate_id = $1`,
      [estateId],
    ),
    db.query(
      `SELECT requisition_id AS "requisitionId", subject_id AS id FROM meeting_requisition_signatures
        WHERE requisition_id = ANY($1::uuid[])`,
      [ids],
    ),
  ]);
  const supporterIds = new Map(ids.map((id) => [id, [] as string[]]));
  for (const s of signatures as Array<{ requisitionId: string; id: string }>)
    supporterIds.get(s.requisitionId)!.push(s.id);
  return { units, supporterIds };
}

/** Records when the share was met (under the requisition's lock, so once). */
export async function markRequisitionMet(m: EntityManager, id: string): Promise<Date> {
  const [[row]] = await m.query(
    `UPDATE meeting_requisitions SET met_at = now() WHERE id = $1 RETURNING met_at AS "metAt"`,
    [id],
  );
  return row.metAt;
}
