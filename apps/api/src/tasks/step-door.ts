import type { Type } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../../../libs/contracts/src/procedures';
import type { Principal } from '../auth/principal';

/** A step's arguments as a door builds them; the API adds the actor it vouches for. */
type WithoutActor<A> = A extends unknown ? Omit<A, 'actor'> : never;

/** The case a step goes to, as a feature route or an inbox task found it for a caller who may act on it. */
export interface StepCase {
  principal: Principal;
  workflowId: string;
  estateId: string;
}

/** What a door works with: the case, the database for what the request itself brings, and the Update. */
export interface StepCall<Args, State> extends StepCase {
  dataSource: DataSource;
  /** Executes the step's Update with the caller as actor; a validator's refusal comes back as 403/409/422. */
  send(args: WithoutActor<Args>): Promise<State>;
}

/**
 * The one door of a human step. Its feature route and `POST /tasks/{id}/complete` validate the same request
 * DTO with the same pipe and then both call `enter`, so the two cannot check or send different things.
 */
export interface StepDoor<Request extends object = object, Args = unknown, State = unknown> {
  update: UpdateDefinition<State, [Args]>;
  /** The step in a few zh-CN words, for the inbox ("提交摸底表"). */
  title: string;
  request: Type<Request>;
  /** Turns the validated request into the Update's arguments and sends them (writing first what must not reach history). */
  enter(request: Request, call: StepCall<Args, State>): Promise<State>;
  /** The task the request completes, when the Update's name alone does not tell (a penalty names its round). */
  taskKey?(request: Request): string;
}

/**
 * A step that only its feature route can take, because it carries a file: `/tasks/{id}/complete` refuses it
 * with `completeElsewhere`, a zh-CN pointer to that route.
 */
export interface FeatureRouteStep {
  update: UpdateDefinition<unknown, [unknown]>;
  title: string;
  completeElsewhere: string;
}

/** Spells a door with its types inferred from the Update and the request class. */
export function stepDoor<Request extends object, Args extends { actor: Actor }, State>(
  door: StepDoor<Request, Args, State>,
): StepDoor<Request, Args, State> {
  return door;
}
