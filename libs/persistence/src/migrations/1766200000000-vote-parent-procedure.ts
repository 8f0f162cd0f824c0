import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure a vote decides for (a fund use, a 续筹, a formation), as the vote's workflow knows it
 * (`workflowInfo().parent`): a revocation under 条例 art 19 is signalled there once it is recorded. Null for a
 * vote started on its own, or created before this column.
 */
export class VoteParentProcedure1766200000000 implements MigrationInterface {
  name = 'VoteParentProcedure1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes ADD COLUMN parent_workflow_id text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes DROP COLUMN parent_workflow_id`);
  }
}
