import { refusal } from '../../libs/contracts/src/procedures';

/**
 * The refusals a validator throws before a step writes anything (ARCHITECTURE.md, "Human steps are Updates
 * with validators"). Each procedure keeps its own zh-CN wording; these only fix the refusal codes.
 */

/** Refuses a step outside the stage (or stages) that accept it: 409 `WRONG_STAGE` with `message`. */
export function requireStage<S extends string>(current: S, allowed: S | readonly S[], message: string): void {
  const accepted = Array.isArray(allowed) ? allowed.includes(current) : current === allowed;
  if (!accepted) throw refusal('WRONG_STAGE', message);
}

/** Refuses a step already taken, or one sent to a procedure already closed: 409 `ALREADY_DONE`. */
export function refuseIfDone(done: boolean, message: string): void {
  if (done) throw refusal('ALREADY_DONE', message);
}

/** Refuses a payload with problems: 422 `INVALID_PAYLOAD`, "<heading>：<problem>；<problem>", each listed. */
export function requireNoProblems(problems: string[], heading: string): void {
  if (problems.length) throw refusal('INVALID_PAYLOAD', `${heading}：${problems.join('；')}`, problems);
}

/** The opening of a wrong-stage message: `当前阶段为“<label>”，`. */
export function atStage(label: string): string {
  return `当前阶段为“${label}”，`;
}
