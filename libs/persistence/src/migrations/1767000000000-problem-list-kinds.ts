import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists of the ledger (seed 000 措施3 and 附件3, seed 001 (十)): a row is a problem of the 问题清单, a task of
 * the estate's 物业管理提升任务清单, or its year's 微实事 project; all are tracked to 销号 the same way.
 */
export class ProblemListKinds1767000000000 implements MigrationInterface {
  name = 'ProblemListKinds1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE problems ADD COLUMN list_kind varchar(16) NOT NULL DEFAULT 'problem'
        CHECK (list_kind IN ('problem','task','micro_project'));
      CREATE INDEX problems_micro_projects ON problems (estate_id, created_at) WHERE list_kind = 'micro_project';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX problems_micro_projects; ALTER TABLE problems DROP COLUMN list_kind;`);
  }
}
