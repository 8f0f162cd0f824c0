import type { DataSource } from 'typeorm';
import { fundCommitteeMemberOf } from '../../../../libs/persistence/src/committees';
import type { Principal } from '../auth/principal';

/**
 * The member of the estate's 业委会 in office the caller is, through their owner login (the 业委会 has no account
 * of its own); undefined for anyone else, so the workflow's validator refuses the step (403).
 */
export async function callingCommitteeMember(call: { principal: Principal; dataSource: DataSource; estateId: string }) {
  const ownerId = call.principal.role === 'owner' ? call.principal.ownerId : null;
  return ownerId ? fundCommitteeMemberOf(call.dataSource, call.estateId, ownerId) : undefined;
}
