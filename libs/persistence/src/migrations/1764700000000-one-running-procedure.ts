import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each survey, formation (换届) and top-up gets a workflow id of its own, so a later one of the same estate no
 * longer shares its predecessor's read model, inbox keys, notices or ledger rows. That an estate has at most
 * one of each running is now kept here, where the API registers a procedure before starting its workflow.
 */
export class OneRunningProcedure1764700000000 implements MigrationInterface {
  name = 'OneRunningProcedure1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX procedures_one_running_per_estate ON procedures (estate_id, procedure_type)
       WHERE status = 'running' AND procedure_type IN ('estate-survey', 'committee-formation', 'maintenance-fund-top-up')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX procedures_one_running_per_estate`);
  }
}
