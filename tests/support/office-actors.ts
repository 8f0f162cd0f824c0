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
