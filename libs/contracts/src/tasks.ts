import { defineSignal } from '@temporalio/workflow';
import type { Role } from '../../domain/src/roles';

/**
 * Sent by the API to each procedure with a provisional due time when a year's 节假日安排 is registered: its
 * open steps recompute their due times on the new calendar and move their timers.
 */
export const calendarRegisteredSignal = defineSignal('calendarRegistered');

/** A message to an organisation's inbox (and, later, SMS/WeChat); `dedupKey` makes a retried send a no-op. */
export interface NotificationSpec {
  dedupKey: string;
  recipientRole: Role;
  recipientOrganisationId: string | null;
  title: string;
  body: string;
}

/** A human step a workflow waits for, as the task inbox shows it. */
export interface TaskSpec {
  /** Unique within the procedure, e.g. "survey" or "survey:escalation". */
  key: string;
  kind: 'step' | 'escalation';
  /** What to do, in zh-CN. */
  title: string;
  assigneeRole: Role;
  assigneeOrganisationId: string | null;
  jurisdictionCode: string;
  /** The workflow Update that completes the step (none for a 督办 task, which closes with its step). */
  updateName: string | null;
  dueAt: string | null;
  /** The due time falls after a year whose 节假日安排 is not on record yet: counted by weekends alone. */
  dueProvisional?: boolean;
}

/** The key of the 督办 a late step raises; it closes with the step. */
export function escalationTaskKey(stepKey: string): string {
  return `${stepKey}:escalation`;
}

export interface OpenTaskInput extends TaskSpec {
  workflowId: string;
  at: string;
}

/** A step's due time recomputed once its year's schedule was registered. */
export interface RescheduleTaskInput {
  workflowId: string;
  key: string;
  dueAt: string;
  dueProvisional: boolean;
}

export interface CloseTasksInput {
  workflowId: string;
  keys: string[];
  status: 'completed' | 'withdrawn';
  note: string | null;
  at: string;
  notify: NotificationSpec | null;
}

export interface Supervisor {
  role: Role;
  organisationId: string;
}

/** A 督办 raised because a step passed its due time. */
export interface EscalationRecord {
  stage: string;
  at: string;
  supervisor: Supervisor | null;
}
