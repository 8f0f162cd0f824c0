import type { EntityManager } from 'typeorm';

/**
 * Synthetic complaint history of 马甲镇 for the figures' comparison with the same month last year: for each
 * of the 24 months before the seed's month, 20 complaints a month in the earlier year and 17 in the latest
 * (the −15% of seed 001 (三)), each month's last few closed late, above the community or not to satisfaction.
 * Rows without a workflow, marked synthetic; the complainants are left blank.
 */
export async function seedComplaintHistory(m: EntityManager, now: Date): Promise<void> {
  await m.query(
    `WITH estates_of_town AS (
       SELECT id, jurisdiction_path, row_number() OVER (ORDER BY name) - 1 AS n, count(*) OVER () AS total
         FROM estates WHERE jurisdiction_path LIKE '/35/350500/350504/350504102/%'),
     months AS (
       SELECT k, (date_trunc('month', $1::timestamptz AT TIME ZONE 'Asia/Shanghai') - k * interval '1 month') AS local_start,
              CASE WHEN k <= 12 THEN 17 ELSE 20 END AS per_month
         FROM generate_series(1, 24) k),
     rows AS (
       SELECT m.k, m.local_start, m.per_month, i FROM months m CROSS JOIN LATERAL generate_series(0, m.per_month - 1) i)
     INSERT INTO complaints (id, estate_id, jurisdiction_path, channel, category, category_label, summary, respondent_kind,
                             tier, outcome, received_at, closed_at, closed_on_time, closed_at_community, rating, synthetic)
     SELECT gen_random_uuid(), e.id, e.jurisdiction_path,
            (ARRAY['grid_worker', 'hotline_12345', 'console', 'petition_letter'])[1 + i % 4],
            (ARRAY['elevator', 'property_fee', 'noise', 'renovation'])[1 + i % 4],
            (ARRAY['电梯', '物业费', '噪音', '装修'])[1 + i % 4],
            '（合成）历史投诉', 'property_firm',
            CASE WHEN i % 3 = 0 THEN 'complex' ELSE 'simple' END,
            CASE WHEN i < r.per_month - 1 THEN 'closed' END,
            (r.local_start + (i % 27) * interval '1 day' + interval '10 hours') AT TIME ZONE 'Asia/Shanghai',
            CASE WHEN i < r.per_month - 1 THEN (r.local_start + (i % 27 + 1) * interval '1 day') AT TIME ZONE 'Asia/Shanghai' END,
            i < r.per_month - 2,
            i < r.per_month - 5,
            CASE WHEN i < r.per_month - 2 THEN 'satisfied' WHEN i < r.per_month - 1 THEN 'dissatisfied' END,
            true
       FROM rows r JOIN estates_of_town e ON e.n = r.i % e.total`,
    [now.toISOString()],
  );
}
