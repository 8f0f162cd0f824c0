import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 四升一降 dashboard's dated targets (issue #20): one row per jurisdiction, KPI and due date, so that 马甲镇's
 * "力争50% by 2024年底", 梅岭's "不低于60%" and 泉州's "80% by 2025年5月底, 95% by 2027年底" coexist. Each row names
 * the baseline its trajectory starts from: the plan's date (value 0, the plans give none) or, for a later target of
 * the same plan, the earlier target. Seeded with the targets of seeds 000, 001, 002 and 004; the KPI ids are those
 * of `libs/domain/src/kpi.ts`.
 */
export class KpiTargets1766900000000 implements MigrationInterface {
  name = 'KpiTargets1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction_code varchar(12) NOT NULL,
        kpi_id varchar(48) NOT NULL,
        target_value numeric(6,1) NOT NULL,
        due_on date NOT NULL,
        baseline_on date NOT NULL,
        baseline_value numeric(6,1) NOT NULL DEFAULT 0,
        source text NOT NULL,
        CHECK (baseline_on <= due_on),
        UNIQUE (jurisdiction_code, kpi_id, due_on)
      )`);
    const rows: Array<
      [code: string, kpi: string, value: number, due: string, baseline: string, from: number, source: string]
    > = [
      // Seed 000, 马甲镇物业管理提升工作方案 (2024-11-14): "至2024年底…".
      [
        '350504102',
        'party_organisation_coverage',
        100,
        '2024-12-31',
        '2024-11-14',
        0,
        '种子000 马甲镇方案：至2024年底住宅小区党组织覆盖率100%',
      ],
      [
        '350504102',
        'committee_formation_eligible',
        50,
        '2024-12-31',
        '2024-11-14',
        0,
        '种子000 马甲镇方案：力争业委会组建率50%',
      ],
      [
        '350504102',
        'complaint_change',
        -15,
        '2024-12-31',
        '2024-11-14',
        0,
        '种子000 马甲镇方案：物业领域信访投诉量同比下降15%以上',
      ],
      [
        '350504102',
        'committee_party_member_share',
        50,
        '2024-12-31',
        '2024-11-14',
        0,
        '种子000 马甲镇方案：新组建业委会成员50%以上为党员',
      ],
      // Seed 001, 梅岭街道专项行动方案 (2024-11-08): "年底前…", "至2024年12月底".
      [
        '350582002',
        'committee_formation_eligible',
        60,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：年底前全街道小区业委会组建率不低于60%',
      ],
      [
        '350582002',
        'self_governance_coverage',
        100,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：实现小区业主自治组织100%覆盖',
      ],
      [
        '350582002',
        'committee_party_member_share',
        50,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：新组建（换届）的业委会成员50%以上为党员',
      ],
      [
        '350582002',
        'committee_party_core',
        50,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：党员人数3人（含）以上的业委会比例达到50%以上',
      ],
      [
        '350582002',
        'complaint_change',
        -15,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：物业管理信访投诉量下降15%以上',
      ],
      [
        '350582002',
        'evaluation_coverage',
        100,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：精细化考评覆盖率100%',
      ],
      [
        '350582002',
        'public_income_rectification',
        100,
        '2024-12-31',
        '2024-11-08',
        0,
        '种子001 梅岭方案：公共收益整治到位率100%',
      ],
      // Seed 002, 泉州市三年行动方案 (the report gives no date; its trajectory starts on 2025-01-01).
      [
        '350500',
        'committee_formation_all',
        80,
        '2025-05-31',
        '2025-01-01',
        0,
        '种子002 泉州三年行动方案：2025年5月底前成立业委会的小区占比达到80%以上',
      ],
      [
        '350500',
        'committee_formation_all',
        95,
        '2027-12-31',
        '2025-05-31',
        80,
        '种子002 泉州三年行动方案：到2027年年底95%以上的小区成立业委会',
      ],
      [
        '350500',
        'committee_party_member_share',
        50,
        '2025-05-31',
        '2025-01-01',
        0,
        '种子002 泉州三年行动方案：新成立或换届的业委会委员中党员比率不低于50%',
      ],
      [
        '350500',
        'party_organisation_coverage',
        100,
        '2025-05-31',
        '2025-01-01',
        0,
        '种子002 泉州三年行动方案：小区党组织覆盖率达到100%',
      ],
      [
        '350500',
        'account_audit_pilots',
        10,
        '2025-05-31',
        '2025-01-01',
        0,
        '种子002 泉州三年行动方案：2025年5月底前各县（市、区）10%以上的小区开展“业账社审”试点',
      ],
      // Seed 004, 漳平市关于进一步加强物业管理工作的意见 (2024-12-10).
      [
        '350881',
        'property_service_coverage',
        60,
        '2024-12-31',
        '2024-12-10',
        0,
        '种子004 漳平意见：物业服务2024年达到60%以上',
      ],
      [
        '350881',
        'property_service_coverage',
        100,
        '2025-12-31',
        '2024-12-31',
        60,
        '种子004 漳平意见：2025年实现物业服务全覆盖',
      ],
    ];
    for (const row of rows)
      await q.query(
        `INSERT INTO kpi_targets (jurisdiction_code, kpi_id, target_value, due_on, baseline_on, baseline_value, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        row,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kpi_targets`);
  }
}
