import type { DataSource } from 'typeorm';

/** Whether the unit is on the vote's roll. */
export async function unitOnRoll(dataSource: DataSource, voteId: string, unitId: string): Promise<boolean> {
  const rows = await dataSource.query(`SELECT 1 FROM vote_roll WHERE vote_id = $1 AND unit_id = $2`, [voteId, unitId]);
  return rows.length > 0;
}

/** Whether the owner's voting subject holds a unit on the vote's roll. */
export async function ownerOnRoll(dataSource: DataSource, voteId: string, ownerId: string): Promise<boolean> {
  const rows = await dataSource.query(
    `SELECT 1 FROM vote_roll r JOIN voting_subject_owners vso ON vso.voting_subject_id = r.subject_id WHERE r.vote_id = $1 AND vso.owner_id = $2 LIMIT 1`,
    [voteId, ownerId],
  );
  return rows.length > 0;
}
