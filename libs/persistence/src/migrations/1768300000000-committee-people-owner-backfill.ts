import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidates nominated before the nomination named owner records (指导规则: 委员应当由业主担任) have no
 * `committee_people.owner_id`. Link each the way the nomination links one today, to an owner record holding a unit
 * of the same estate, and only where that is unambiguous: exactly one such owner bears the name, and no other
 * candidate of the same formation bears it too. The rest stay null; the 资格联审 refuses to pass them
 * (未关联业主档案, `CANDIDATE_NOT_LINKED`). Officials and 物管会 members are not candidates and are not linked.
 */
export class CommitteePeopleOwnerBackfill1768300000000 implements MigrationInterface {
  name = 'CommitteePeopleOwnerBackfill1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH unlinked AS (
        SELECT p.id, p.estate_id, p.full_name FROM committee_people p
         WHERE p.owner_id IS NULL AND EXISTS (SELECT 1 FROM committee_candidates c WHERE c.person_id = p.id)
           AND NOT EXISTS (
             SELECT 1 FROM committee_candidates c1
               JOIN committee_candidates c2 ON c2.formation_id = c1.formation_id AND c2.person_id <> c1.person_id
               JOIN committee_people q ON q.id = c2.person_id
              WHERE c1.person_id = p.id AND q.full_name = p.full_name)
      ), matches AS (
        SELECT k.id, (array_agg(DISTINCT o.id))[1] AS owner_id, count(DISTINCT o.id) AS owners
          FROM unlinked k JOIN owners o ON o.full_name = k.full_name
         WHERE EXISTS (SELECT 1 FROM voting_subject_owners so JOIN units u ON u.voting_subject_id = so.voting_subject_id
                        WHERE so.owner_id = o.id AND u.estate_id = k.estate_id)
         GROUP BY k.id
      )
      UPDATE committee_people p SET owner_id = m.owner_id FROM matches m WHERE p.id = m.id AND m.owners = 1`);
  }

  async down(): Promise<void> {
    // The links stay: they are what a nomination writes today, and later steps (logins, 决议) rely on them.
  }
}
