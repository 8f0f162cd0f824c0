import type { DecisionRevoked } from '../../libs/contracts/src/owners-vote';
import { refusal } from '../../libs/contracts/src/procedures';

/**
 * A revocation of an owners' decision (条例 art 19, `decisionRevokedSignal`) as one procedure hears it: only
 * one of its own votes, once. The procedure decides when it listens (`ownVote`) and what stopping means.
 */
export class DecisionRevocation {
  revoked: DecisionRevoked | null = null;

  constructor(private readonly ownVote: (voteId: string) => boolean) {}

  hear(revoked: DecisionRevoked): void {
    if (this.revoked || !this.ownVote(revoked.voteId)) return;
    this.revoked = revoked;
  }

  /** Forgets a revocation once the procedure has dealt with it (a re-run vote decides afresh). */
  clear(): void {
    this.revoked = null;
  }

  /** Who revoked it, in the words of a note. */
  get by(): string {
    return this.revoked?.orderedByRole === 'housing_bureau' ? '主管部门' : '街道（乡镇）';
  }

  /** Why a waiting step is withdrawn, if the decision was revoked. */
  withdrawnReason(): string | null {
    return this.revoked && `业主共同决定已被撤销（《物业管理条例》第十九条）：${this.revoked.reason}`;
  }

  /** What the state query shows. */
  summary(): { reason: string; orderedByRole: string } | null {
    return this.revoked && { reason: this.revoked.reason, orderedByRole: this.revoked.orderedByRole };
  }

  /** Refuses a step of the path the decision carried. */
  refuseIfRevoked(what: string): void {
    if (this.revoked) throw refusal('WRONG_STAGE', `业主共同决定已被撤销，${what}已停止办理`);
  }
}

/** A follow-up report's note: 2 to 500 characters. */
export function requireFollowUpNote(note: unknown, what: string): void {
  if (typeof note !== 'string' || note.trim().length < 2 || note.length > 500)
    throw refusal('INVALID_PAYLOAD', `请填写${what}（500字以内）`);
}
