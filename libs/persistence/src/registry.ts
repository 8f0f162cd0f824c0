// Owns estates, buildings, units, owners, voting_subjects, voting_subject_owners, jurisdictions, organisations, users, estate_liaisons.
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** How many of the named buildings belong to the estate. */
export async function countEstateBuildings(db: Db, estateId: string, buildingIds: string[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM buildings WHERE estate_id = $1 AND id = ANY($2::uuid[])`,
    [estateId, buildingIds],
  );
  return n;
}
