import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 清退 of an estate's property firm (seed 001 (五); seed 004 §14): its ground (the 考评's failed months in a row,
 * or a serious event with optional evidence), the receiver, the owners' 解聘 vote and the exit handover list
 * with the receiver's decision on each item. An estate runs one 清退 at a time: the read model's index of
 * procedures one running per estate takes the type.
 */
export class FirmExits1767100000000 implements MigrationInterface {
  name = 'FirmExits1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE firm_exits (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        firm_id uuid NOT NULL REFERENCES organisations(id),
        successor_id uuid REFERENCES organisations(id),
        ground varchar(16) NOT NULL CHECK (ground IN ('failed_months','serious_event')),
        failed_months int,
        reason text,
        evidence_document_id uuid REFERENCES documents(id),
        vote_id uuid,
        vote_passed boolean,
        round int NOT NULL DEFAULT 0,
        items jsonb,
        outcome varchar(12) CHECK (outcome IN ('completed','rejected','revoked')),
        started_by uuid NOT NULL REFERENCES users(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_firm_exits_estate ON firm_exits (estate_id, started_at)`);
    await oneRunningPerEstate(q, ['estate-survey', 'committee-formation', 'maintenance-fund-top-up', 'firm-exit']);
  }

  async down(q: QueryRunner): Promise<void> {
    await oneRunningPerEstate(q, ['estate-survey', 'committee-formation', 'maintenance-fund-top-up']);
    await q.query(`DROP TABLE firm_exits`);
  }
}

async function oneRunningPerEstate(q: QueryRunner, types: string[]): Promise<void> {
  await q.query(`DROP INDEX procedures_one_running_per_estate`);
  await q.query(`
    CREATE UNIQUE INDEX procedures_one_running_per_estate ON procedures (estate_id, procedure_type)
     WHERE status = 'running' AND procedure_type IN (${types.map((t) => `'${t}'`).join(', ')})`);
}
