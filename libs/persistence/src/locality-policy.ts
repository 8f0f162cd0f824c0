// Reads jurisdictions.policy_override (the registry owns the table, see registry.ts).
import type { EntityManager } from 'typeorm';
import { LOCALITY_OVERRIDES, policyFor, type LocalityPolicy, type PolicyOverride } from '../../domain/src/policy';

/** The overrides jurisdictions keep in the registry, by code (few rows: most localities use the code table). */
export async function registeredPolicyOverrides(
  m: Pick<EntityManager, 'query'>,
): Promise<Record<string, PolicyOverride>> {
  const rows: Array<{ code: string; policy: PolicyOverride }> = await m.query(
    `SELECT code, policy_override AS policy FROM jurisdictions WHERE policy_override IS NOT NULL`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.policy]));
}

/** The policy in force for a jurisdiction path, the registry's overrides included. */
export async function localityPolicy(
  m: Pick<EntityManager, 'query'>,
  jurisdictionPath: string,
): Promise<LocalityPolicy> {
  return policyFor(jurisdictionPath, await registeredPolicyOverrides(m));
}

/**
 * The policies in force anywhere under a jurisdiction path: its own and that of each jurisdiction below it that
 * overrides something (by the code table or the registry), so a city's filter offers every town's own list.
 */
export async function policiesUnder(
  m: Pick<EntityManager, 'query'>,
  jurisdictionPath: string,
): Promise<LocalityPolicy[]> {
  const registered = await registeredPolicyOverrides(m);
  const rows: Array<{ path: string }> = await m.query(
    `SELECT path FROM jurisdictions WHERE path LIKE $1 || '%' AND code = ANY($2) ORDER BY path`,
    [jurisdictionPath, [...Object.keys(LOCALITY_OVERRIDES), ...Object.keys(registered)]],
  );
  return [jurisdictionPath, ...rows.map((r) => r.path)].map((path) => policyFor(path, registered));
}
