import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dated targets of the KPIs the dashboard gained with 执法 and 公示公开 (issue #20), from seed 001 (梅岭街道专项
 * 行动方案, 2024-11-08), stored as migration 1766900000000 stored the others. The seeds give no target for the share of
 * 维修资金 accounts under the 续筹 threshold, so none is stored.
 */
const ROWS: Array<[code: string, kpi: string, value: number, due: string, baseline: string, source: string]> = [
  [
    '350582002',
    'enforcement_in_place',
    100,
    '2024-12-31',
    '2024-11-08',
    '种子001 梅岭方案：违规装修、乱搭乱建等重难点问题处置执法到位率100%',
  ],
  [
    '350582002',
    'public_notice',
    100,
    '2024-12-31',
    '2024-11-08',
    '种子001 梅岭方案：推动物业服务事项公开公示100%（12月底前落实问题整改）',
  ],
];

export class KpiTargetsEnforcementNotice1767200000001 implements MigrationInterface {
  name = 'KpiTargetsEnforcementNotice1767200000001';

  async up(q: QueryRunner): Promise<void> {
    for (const row of ROWS)
      await q.query(
        `INSERT INTO kpi_targets (jurisdiction_code, kpi_id, target_value, due_on, baseline_on, baseline_value, source)
         VALUES ($1, $2, $3, $4, $5, 0, $6)`,
        row,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM kpi_targets WHERE kpi_id IN ('enforcement_in_place', 'public_notice')`);
  }
}
