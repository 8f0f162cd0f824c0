import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 漳平 (seed 004 §11): the 村（居）民委员会, owner representatives and the association or a professional body take
 * part in 承接查验. The site-inspection record keeps who of each kind attended; the plan's invitations are in its
 * JSON.
 */
export class InspectionAttendees1767900000000 implements MigrationInterface {
  name = 'InspectionAttendees1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handover_inspections ADD COLUMN attendees jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handover_inspections DROP COLUMN attendees`);
  }
}
