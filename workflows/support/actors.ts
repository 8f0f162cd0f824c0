import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import { refuseIfDone } from './guards';

/** Refuses a human step from anyone but the given role of the given organisation. */
export function requireActor(actor: Actor, role: Actor['role'], organisationId: string, message: string): void {
  if (!actor || actor.role !== role || actor.organisationId !== organisationId)
    throw refusal('FORBIDDEN_ACTOR', message);
}

/**
 * The department of a 资格联审 panel (a 业委会's candidates, a 物管会's owner members) the actor answers for:
 * refused unless its organisation sits on the panel as a department and has not answered in this round.
 */
export function requirePanelReviewer<R extends { kind: string; label: string; organisationId: string }>(
  reviewers: readonly R[],
  actor: Actor,
  answered: ReadonlySet<string>,
): R {
  const reviewer = reviewers.find((r) => r.organisationId === actor?.organisationId);
  if (!reviewer || actor.role !== 'department')
    throw refusal('FORBIDDEN_ACTOR', '只有本次资格联审的职能部门可以提交审查意见');
  refuseIfDone(answered.has(reviewer.kind), `${reviewer.label}已提交审查意见`);
  return reviewer;
}
