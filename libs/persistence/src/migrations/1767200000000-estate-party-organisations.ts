import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 小区党组织 in the registry (issue #20, 小区党组织覆盖率): at most one per estate, of a kind of
 * `libs/domain/src/party-organisations.ts`, with its name and the day it was set up. A 联合党支部 shared by
 * neighbouring estates is recorded on each of them.
 */
export class EstatePartyOrganisations1767200000000 implements MigrationInterface {
  name = 'EstatePartyOrganisations1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE estate_party_organisations (
        estate_id uuid PRIMARY KEY REFERENCES estates(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('branch', 'joint_branch', 'functional')),
        name text NOT NULL,
        established_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE estate_party_organisations`);
  }
}
