import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A jurisdiction's own policy overrides (sections of LocalityPolicy), kept in the registry so a locality, or
 * a drill or test jurisdiction, can set its values without a release; they apply after the code table's.
 */
export class JurisdictionPolicy1764600000000 implements MigrationInterface {
  name = 'JurisdictionPolicy1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE jurisdictions ADD COLUMN policy_override jsonb CHECK (jsonb_typeof(policy_override) = 'object')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jurisdictions DROP COLUMN policy_override`);
  }
}
