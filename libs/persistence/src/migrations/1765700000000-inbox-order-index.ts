import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbox (`myTasks`, tasks.ts) is one role and organisation's open tasks in due order. At city scale
 * (bench:scale: 1,000,000 tasks, about 10,000 open for 马甲镇's office) the index on role and organisation alone
 * left the planner sorting every open task of the role; this one hands them over already in the default order
 * (`due_at` ascending, undated last, then `opened_at`, `id`), so a page stops after its rows.
 */
export class InboxOrderIndex1765700000000 implements MigrationInterface {
  name = 'InboxOrderIndex1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX idx_tasks_inbox ON tasks (assignee_role, assignee_organisation_id, due_at, opened_at, id)
       WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_tasks_inbox`);
  }
}
