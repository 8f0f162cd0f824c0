// Owns estates, buildings, units, owners, voting_subjects, voting_subject_owners, jurisdictions, organisations, users, estate_liaisons.
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { JurisdictionLevel } from '../../domain/src/jurisdiction';
import { GOVERNMENT_ROLES, type Role } from '../../domain/src/roles';

type Db = DataSource | EntityManager;

/** How many of the named buildings belong to the estate. */
export async function countEstateBuildings(db: Db, estateId: string, buildingIds: string[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM buildings WHERE estate_id = $1 AND id = ANY($2::uuid[])`,
    [estateId, buildingIds],
  );
  return n;
}

/** Who reads: a principal as the registry's scoping needs it (ids and codes only). */
export interface Viewer {
  role: Role;
  organisationId: string | null;
  jurisdictionPath: string;
  ownerId: string | null;
}

/** The path of a jurisdiction, or null for an unknown code. */
export async function jurisdictionPathOf(db: Db, code: string): Promise<string | null> {
  const [jurisdiction] = await db.query(`SELECT path FROM jurisdictions WHERE code = $1`, [code]);
  return jurisdiction ? jurisdiction.path : null;
}

/** Whether the user is an active clerk of that role and organisation (a reassignment's assignee). */
export async function isEligibleClerk(
  db: Db,
  userId: string,
  role: string,
  organisationId: string | null,
): Promise<boolean> {
  const [user] = await db.query(
    `SELECT id FROM users WHERE id = $1 AND active AND role = $2 AND organisation_id IS NOT DISTINCT FROM $3`,
    [userId, role, organisationId],
  );
  return Boolean(user);
}

/** An organisation's jurisdiction level and path, or undefined for an unknown organisation. */
export async function organisationJurisdiction(
  db: Db,
  organisationId: string,
): Promise<{ level: JurisdictionLevel; path: string } | undefined> {
  const [own] = await db.query(
    `SELECT j.level, j.path FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code WHERE o.id = $1`,
    [organisationId],
  );
  return own;
}

/** An organisation of a kind at a level of the jurisdiction tree above (or at) a path. */
export async function organisationAtLevelAbove(
  db: Db,
  kind: string,
  level: string,
  path: string,
): Promise<string | null> {
  const [found] = await db.query(
    `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = $1 AND j.level = $2 AND $3 LIKE j.path || '%' LIMIT 1`,
    [kind, level, path],
  );
  return found ? found.id : null;
}

/**
 * Restricts a query on estates (aliased `alias`) to what the caller may see: government roles their
 * part of the jurisdiction tree; firms and developers the estates their organisation serves or built;
 * owners the estates where they hold a unit.
 */
export function scopeEstates<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer,
): SelectQueryBuilder<T> {
  if (GOVERNMENT_ROLES.includes(viewer.role)) {
    return qb.andWhere(`${alias}.jurisdiction_path LIKE :scopePath`, { scopePath: `${viewer.jurisdictionPath}%` });
  }
  switch (viewer.role) {
    case 'property_firm':
      return qb.andWhere(`${alias}.property_firm_id = :scopeOrg`, { scopeOrg: viewer.organisationId });
    case 'developer':
      return qb.andWhere(`${alias}.developer_id = :scopeOrg`, { scopeOrg: viewer.organisationId });
    case 'owner':
      return qb.andWhere(
        `${alias}.id IN (SELECT u.estate_id FROM units u
           JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
          WHERE vso.owner_id = :scopeOwner)`,
        { scopeOwner: viewer.ownerId },
      );
    default:
      return qb.andWhere('false');
  }
}
