import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 问题清单与销号 (seed 000 措施8, 附件4; seed 002 §2): a row per problem of an estate with its plan, the persons
 * responsible (staff names, kept here and never in Temporal), its state and 销号 evidence; each step's record;
 * the 督办 of an overdue row at each level.
 */
export class ProblemLedger1766300000000 implements MigrationInterface {
  name = 'ProblemLedger1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE problems (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        category varchar(40) NOT NULL,
        category_label text NOT NULL,
        description text NOT NULL,
        location text,
        source_kind varchar(16) NOT NULL CHECK (source_kind IN ('survey','complaint','patrol','joint_meeting','manual')),
        -- The survey's workflow id or the complaint's id; with source_seq, a survey's problem opens one row.
        source_id text,
        source_seq int,
        measures text,
        deadline date,
        responsible_department text,
        responsible_person text,
        responsible_role varchar(24),
        responsible_organisation_id uuid REFERENCES organisations(id),
        community_person text,
        estate_person text,
        -- The estate's 挂钩 official (镇挂钩科级干部) when the row opened: its 责任领导.
        responsible_leader text,
        remarks text,
        state varchar(16) NOT NULL DEFAULT 'open'
          CHECK (state IN ('open','in_progress','completed','verified','closed')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        planned_at timestamptz,
        completed_at timestamptz,
        verified_at timestamptz,
        closed_at timestamptz,
        completion_note text,
        closing_note text,
        closing_document_ids uuid[] NOT NULL DEFAULT '{}',
        UNIQUE (source_kind, source_id, source_seq)
      )`);
    await q.query(`CREATE INDEX idx_problems_estate ON problems (estate_id, created_at)`);
    await q.query(`CREATE INDEX idx_problems_path ON problems (jurisdiction_path text_pattern_ops, state)`);
    await q.query(`
      CREATE TABLE problem_records (
        problem_id uuid NOT NULL REFERENCES problems(id),
        seq int NOT NULL,
        kind varchar(16) NOT NULL,
        state_after varchar(16) NOT NULL,
        body jsonb NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        at timestamptz NOT NULL,
        PRIMARY KEY (problem_id, seq)
      )`);
    await q.query(`
      CREATE TABLE problem_escalations (
        problem_id uuid NOT NULL REFERENCES problems(id),
        level varchar(16) NOT NULL CHECK (level IN ('liaison','supervision')),
        liaison_name text,
        at timestamptz NOT NULL,
        PRIMARY KEY (problem_id, level)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE problem_escalations`);
    await q.query(`DROP TABLE problem_records`);
    await q.query(`DROP TABLE problems`);
  }
}
