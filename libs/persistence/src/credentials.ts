// Owns user_credentials and users.oidc_subject; reads users and jurisdictions.
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../domain/src/roles';

type Db = DataSource | EntityManager;

/** An active account as a token is issued for it: ids and codes, its jurisdiction's path. */
export interface ActiveAccount {
  id: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  jurisdictionCode: string;
  jurisdictionPath: string;
  ownerId: string | null;
}

const ACCOUNT_COLUMNS = `u.id, u.display_name AS "displayName", u.role, u.organisation_id AS "organisationId",
       u.jurisdiction_code AS "jurisdictionCode", j.path AS "jurisdictionPath", u.owner_id AS "ownerId"`;

/** An active account by user name with its password hash (null: the account has no password). */
export async function activeAccountByUsername(
  db: Db,
  username: string,
): Promise<(ActiveAccount & { passwordHash: string | null }) | null> {
  const [account] = await db.query(
    `SELECT ${ACCOUNT_COLUMNS}, c.password_hash AS "passwordHash"
       FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code
       LEFT JOIN user_credentials c ON c.user_id = u.id
      WHERE u.username = $1 AND u.active`,
    [username],
  );
  return account ?? null;
}

/** The active account linked to the identity provider's subject. */
export async function activeAccountBySubject(db: Db, subject: string): Promise<ActiveAccount | null> {
  const [account] = await db.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code
      WHERE u.oidc_subject = $1 AND u.active`,
    [subject],
  );
  return account ?? null;
}

/** Sets (or replaces) an account's password hash; false when there is no such account. */
export async function setPasswordHash(db: Db, username: string, passwordHash: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO user_credentials (user_id, password_hash)
     SELECT id, $2 FROM users WHERE username = $1
     ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, changed_at = now()
     RETURNING user_id`,
    [username, passwordHash],
  );
  return rows.length > 0;
}

/** Links an account to the identity provider's subject (null unlinks); false when there is no such account. */
export async function linkOidcSubject(db: Db, username: string, subject: string | null): Promise<boolean> {
  const [, affected] = await db.query(`UPDATE users SET oidc_subject = $2 WHERE username = $1`, [username, subject]);
  return affected > 0;
}
