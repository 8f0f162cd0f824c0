import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';

/**
 * The seed's offices around 马甲村 as the actors a workflow test sends steps as: 马甲镇's street office, 马甲村's
 * 居委会, 洛江区's housing bureau, and the departments of a 资格联审 panel by kind (洛江区's enforcement departments
 * are departments too, so only the panel's kinds).
 */
export async function majiaOfficeActors(dataSource: DataSource, panelKinds: readonly string[]) {
  const orgs: Array<{ id: string; kind: string; department_kind: string | null; jurisdiction_code: string }> =
    await dataSource.query(
      `SELECT id, kind, department_kind, jurisdiction_code FROM organisations WHERE jurisdiction_code IN ('350504', '350504102', '350504102201')`,
    );
  const actor = (o: (typeof orgs)[number]): Actor => ({
    userId: randomUUID(),
    role: o.kind as Actor['role'],
    organisationId: o.id,
    jurisdictionCode: o.jurisdiction_code,
  });
  const reviewing = new Set(panelKinds);
  return {
    streetOffice: actor(orgs.find((o) => o.kind === 'street_office')!),
    community: actor(orgs.find((o) => o.kind === 'community')!),
    bureau: actor(orgs.find((o) => o.kind === 'housing_bureau')!),
    departments: Object.fromEntries(
      orgs
        .filter((o) => o.kind === 'department' && reviewing.has(o.department_kind!))
        .map((o) => [o.department_kind!, actor(o)]),
    ) as Record<string, Actor>,
  };
}

/** Seeded accounts as actors, by the names a test gives them: `{ community: 'majia-village', … }`. */
export async function actorsOf<K extends string>(
  dataSource: DataSource,
  usernames: Record<K, string>,
): Promise<Record<K, Actor>> {
  const rows: Array<Actor & { username: string }> = await dataSource.query(
    `SELECT u.username, u.id AS "userId", u.role, u.organisation_id AS "organisationId", u.jurisdiction_code AS "jurisdictionCode"
       FROM users u WHERE u.username = ANY($1::text[])`,
    [Object.values(usernames)],
  );
  const by = (username: string) => {
    const { username: _, ...actor } = rows.find((a) => a.username === username)!;
    return actor;
  };
  return Object.fromEntries(Object.entries<string>(usernames).map(([key, name]) => [key, by(name)])) as Record<
    K,
    Actor
  >;
}
