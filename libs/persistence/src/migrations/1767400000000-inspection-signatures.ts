import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 办法 art 12 step 5: the written site-inspection record is signed by both parties' inspectors. The firm's sign
 * with its record; the developer's confirm it afterwards, with the developer's remarks.
 */
export class InspectionSignatures1767400000000 implements MigrationInterface {
  name = 'InspectionSignatures1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE handover_inspections
        ADD COLUMN inspectors text[] NOT NULL DEFAULT '{}',
        ADD COLUMN developer_inspectors text[],
        ADD COLUMN developer_remarks text,
        ADD COLUMN developer_confirmed_by uuid REFERENCES users(id),
        ADD COLUMN developer_confirmed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE handover_inspections DROP COLUMN inspectors, DROP COLUMN developer_inspectors,
        DROP COLUMN developer_remarks, DROP COLUMN developer_confirmed_by, DROP COLUMN developer_confirmed_at`);
  }
}
