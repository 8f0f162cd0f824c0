import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import type { Principal } from '../auth/principal';

/**
 * Restricts a query on estates (aliased `alias`) to what the caller may see: government roles their
 * part of the jurisdiction tree; firms and developers the estates their organisation serves or built;
 * owners the estates where they hold a unit.
 */
export function scopeEstates<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  if (GOVERNMENT_ROLES.includes(principal.role)) {
    return qb.andWhere(`${alias}.jurisdiction_path LIKE :scopePath`, { scopePath: `${principal.jurisdictionPath}%` });
  }
  switch (principal.role) {
    case 'property_firm':
      return qb.andWhere(`${alias}.property_firm_id = :scopeOrg`, { scopeOrg: principal.organisationId });
    case 'developer':
      return qb.andWhere(`${alias}.developer_id = :scopeOrg`, { scopeOrg: principal.organisationId });
    case 'owner':
      return qb.andWhere(
        `${alias}.id IN (SELECT u.estate_id FROM units u
           JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
          WHERE vso.owner_id = :scopeOwner)`,
        { scopeOwner: principal.ownerId },
      );
    default:
      return qb.andWhere('false');
  }
}
