import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 业委会 acts as a body. Its 决议 are recorded with each member's 表决 (for, against or abstain, who
 * recorded it and when) and the outcome counted against all members in office. The fund's 业委会
 * (`estate_fund_settings.owners_committee_id`) is the committee the formation elected, no longer an
 * organisation row of its own: it is re-pointed at the estate's serving 业委会 where one exists, else left
 * empty (the API refuses a use the 业委会 would have to approve until one serves). The old
 * `owners_committee` organisation rows stay, unused by the fund.
 */
export class CommitteeResolutions1765800000000 implements MigrationInterface {
  name = 'CommitteeResolutions1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE committee_resolutions (
        id uuid PRIMARY KEY,
        committee_id uuid NOT NULL REFERENCES committees(id),
        estate_id uuid NOT NULL REFERENCES estates(id),
        kind varchar(32) NOT NULL CHECK (kind IN ('fund_use_approval')),
        matter_ref text NOT NULL,
        workflow_id text NOT NULL,
        -- The members in office when it opened: the base of the count, whether they vote or not.
        member_ids uuid[] NOT NULL,
        outcome varchar(16) NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','carried','refused')),
        opened_at timestamptz NOT NULL,
        decided_at timestamptz,
        UNIQUE (workflow_id, kind)
      )`);
    await q.query(
      `CREATE INDEX idx_committee_resolutions_committee ON committee_resolutions (committee_id, opened_at)`,
    );
    // Each member votes once; who recorded the vote (the member's own login) and when.
    await q.query(`
      CREATE TABLE committee_resolution_votes (
        resolution_id uuid NOT NULL REFERENCES committee_resolutions(id),
        person_id uuid NOT NULL REFERENCES committee_people(id),
        choice varchar(8) NOT NULL CHECK (choice IN ('for','against','abstain')),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (resolution_id, person_id)
      )`);
    await q.query(
      `CREATE INDEX idx_committee_people_owner ON committee_people (estate_id, owner_id) WHERE owner_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE estate_fund_settings DROP CONSTRAINT estate_fund_settings_owners_committee_id_fkey, DROP CONSTRAINT estate_fund_settings_check`,
    );
    await q.query(`
      UPDATE estate_fund_settings s SET owners_committee_id =
        (SELECT c.id FROM committees c WHERE c.estate_id = s.estate_id AND c.kind = 'owners_committee' AND c.status = 'active')`);
    await q.query(
      `ALTER TABLE estate_fund_settings ADD CONSTRAINT estate_fund_settings_committee_fkey FOREIGN KEY (owners_committee_id) REFERENCES committees(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estate_fund_settings DROP CONSTRAINT estate_fund_settings_committee_fkey`);
    await q.query(`UPDATE estate_fund_settings SET regime = 'government', owners_committee_id = NULL`);
    await q.query(
      `ALTER TABLE estate_fund_settings ADD CONSTRAINT estate_fund_settings_owners_committee_id_fkey FOREIGN KEY (owners_committee_id) REFERENCES organisations(id),
         ADD CONSTRAINT estate_fund_settings_check CHECK (regime = 'government' OR owners_committee_id IS NOT NULL)`,
    );
    await q.query(`DROP INDEX idx_committee_people_owner`);
    await q.query(`DROP TABLE committee_resolution_votes`);
    await q.query(`DROP TABLE committee_resolutions`);
  }
}
