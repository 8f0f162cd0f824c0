import { refusal, type Actor } from '../../libs/contracts/src/procedures';

/** Refuses a human step from anyone but the given role of the given organisation. */
export function requireActor(actor: Actor, role: Actor['role'], organisationId: string, message: string): void {
  if (!actor || actor.role !== role || actor.organisationId !== organisationId)
    throw refusal('FORBIDDEN_ACTOR', message);
}
