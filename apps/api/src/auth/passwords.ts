import { argon2id, hash, verify } from 'argon2';
import { stringProblem } from '../../../../libs/domain/src/text-rules';

/** OWASP Password Storage Cheat Sheet, argon2id: 19 MiB of memory, 2 iterations, 1 lane. */
const PARAMETERS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

// Verified in place of a missing account's hash, so that an unknown user name costs what a wrong password does.
let dummyHash: Promise<string> | undefined;

/** Whether a password matches a stored hash; without one (no account, no password) it is checked against a dummy. */
export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('no account has this password');
  const matches = await verify(storedHash ?? (await dummyHash), password);
  return storedHash !== null && matches;
}

/**
 * Why a new password is refused, or null. It obeys the text rules, as the login request that brings it
 * does (which also NFC-normalises and trims it: set it normalised).
 */
export function passwordProblem(password: string): string | null {
  const textProblem = stringProblem(password);
  if (textProblem) return `密码${textProblem}`;
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (length > MAX_PASSWORD_LENGTH) return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  return null;
}
