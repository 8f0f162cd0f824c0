import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PolicyOverride } from '../../libs/domain/src/policy';
import { recordOwnersAssembly } from '../../libs/persistence/src/registry';

export interface SyntheticVoter {
  username: string;
  idNumber: string;
  certificateNo: string;
}

/**
 * A synthetic estate of `units` units in 马甲村 (or the community `jurisdictionCode`), built in a few set-based
 * statements: nine voting subjects for every ten units (every ninth subject holds two units), one owner and
 * one login per subject.
 * Ids are derived from `prefix`, so the same call describes the same estate.
 */
export async function createSyntheticEstate(
  dataSource: DataSource,
  prefix: string,
  units: number,
  jurisdictionCode = '350504102201',
): Promise<{ estateId: string; voters: SyntheticVoter[] }> {
  const subjects = Math.ceil((units * 9) / 10);
  // Deterministic ids shaped as version-4 UUIDs, so they pass the API's UUID validation like real ones.
  const id = (kind: string, n: string) => {
    const h = `md5('${prefix}' || '${kind}' || ${n})`;
    return `(substr(${h}, 1, 12) || '4' || substr(${h}, 14, 3) || '8' || substr(${h}, 18, 15))::uuid`;
  };
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO estates (id, name, jurisdiction_code, jurisdiction_path, synthetic)
       SELECT ${id('estate', "''")}, '（合成）' || $1::text, code, path, true FROM jurisdictions WHERE code = $2`,
      [prefix, jurisdictionCode],
    );
    await m.query(
      `INSERT INTO buildings (id, estate_id, name) SELECT ${id('b', 'g::text')}, ${id('estate', "''")}, g || '号楼' FROM generate_series(1, $1::int) g`,
      [Math.ceil(units / 500)],
    );
    await m.query(
      `INSERT INTO voting_subjects (id, estate_id, kind) SELECT ${id('s', 'g::text')}, ${id('estate', "''")}, 'owner' FROM generate_series(1, $1::int) g`,
      [subjects],
    );
    await m.query(
      `INSERT INTO owners (id, full_name, id_number, phone, synthetic)
       SELECT ${id('o', 'g::text')}, '合成业主' || g, '99' || lpad(g::text, 15, '0') || '1', NULL, true FROM generate_series(1, $1::int) g`,
      [subjects],
    );
    await m.query(
      `INSERT INTO voting_subject_owners (voting_subject_id, owner_id) SELECT ${id('s', 'g::text')}, ${id('o', 'g::text')} FROM generate_series(1, $1::int) g`,
      [subjects],
    );
    await m.query(
      `INSERT INTO users (username, display_name, role, jurisdiction_code, owner_id, synthetic)
       SELECT $2::text || '-owner-' || g, '合成业主', 'owner', $3, ${id('o', 'g::text')}, true FROM generate_series(1, $1::int) g`,
      [subjects, prefix, jurisdictionCode],
    );
    await m.query(
      `INSERT INTO units (id, estate_id, building_id, room_no, exclusive_area, area_basis, delivered, voting_subject_id, certificate_no)
       SELECT ${id('u', 'g::text')}, ${id('estate', "''")}, ${id('b', '((g - 1) / 500 + 1)::text')}, g::text,
              ((60 + g % 70)::text || '.' || lpad((g % 100)::text, 2, '0'))::numeric, 'register', true,
              ${id('s', 'ceil(g * 9 / 10.0)::int::text')}, $2::text || '-CERT-' || g
         FROM generate_series(1, $1::int) g`,
      [units, prefix],
    );
  });
  const voters: SyntheticVoter[] = await dataSource.query(
    `SELECT us.username, o.id_number AS "idNumber", min(u.certificate_no) AS "certificateNo"
       FROM users us JOIN owners o ON o.id = us.owner_id
       JOIN voting_subject_owners vso ON vso.owner_id = o.id JOIN units u ON u.voting_subject_id = vso.voting_subject_id
      WHERE us.username LIKE $1 GROUP BY us.username, o.id_number ORDER BY min(u.room_no::int)`,
    [`${prefix}-owner-%`],
  );
  const [{ estateId }] = await dataSource.query(`SELECT ${id('estate', "''")} AS "estateId"`);
  return { estateId, voters };
}

/** Gives an estate an 业主大会, as if its first meeting had elected a committee on 2025-06-20. */
export async function giveOwnersAssembly(dataSource: DataSource, estateId: string): Promise<void> {
  await recordOwnersAssembly(dataSource, estateId, {
    establishedOn: '2025-06-20',
    establishedByWorkflowId: `committee-formation-${randomUUID()}`,
    establishedByVoteId: randomUUID(),
  });
}

/**
 * A synthetic estate in a community under 马甲镇 with no 村委会 registered (`code`, created if need be): no
 * office there to receive what the community would do.
 */
export async function createOfficelessEstate(dataSource: DataSource, code: string, prefix: string) {
  await dataSource.query(
    `INSERT INTO jurisdictions (code, name, level, parent_code, path)
     SELECT $1::text, '（合成）无村委会村 ' || $1::text, 'community', code, path || $1::text || '/' FROM jurisdictions WHERE code = '350504102'
     ON CONFLICT (code) DO NOTHING`,
    [code],
  );
  return createSyntheticEstate(dataSource, prefix, 10, code);
}

/**
 * A synthetic community under 马甲镇 (`code`, created if need be) with a registered `policy`: a drill community,
 * whose waits a test shortens to seconds because the dev server does not skip time. It has its 村委会 and its
 * 党支部, the community_party department of a formation's 资格联审, whose login it answers.
 */
export async function createDrillCommunity(
  dataSource: DataSource,
  code: string,
  policy: PolicyOverride,
): Promise<{ partyLogin: string }> {
  const partyLogin = `${code}-party`;
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
       SELECT $1::text, '（合成）演练村 ' || $1::text, 'community', code, path || $1::text || '/', $2 FROM jurisdictions WHERE code = '350504102'
       ON CONFLICT (code) DO NOTHING`,
      [code, JSON.stringify(policy)],
    );
    await m.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, department_kind, synthetic)
       SELECT kind, name || ' ' || $1::text, $1::text, department_kind, true
         FROM (VALUES ('community', '（合成）演练村村委会', NULL), ('department', '（合成）演练村党支部', 'community_party'))
              AS o(kind, name, department_kind)
        WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE jurisdiction_code = $1::text AND kind = o.kind)`,
      [code],
    );
    await m.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       SELECT $2::text, name, 'department', id, $1::text, true FROM organisations
        WHERE jurisdiction_code = $1::text AND department_kind = 'community_party'
       ON CONFLICT (username) DO NOTHING`,
      [code, partyLogin],
    );
  });
  return { partyLogin };
}
