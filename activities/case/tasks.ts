import type { DataSource } from 'typeorm';
import type {
  CloseTasksInput,
  NotificationSpec,
  OpenTaskInput,
  RescheduleTaskInput,
  Supervisor,
} from '../../libs/contracts/src/tasks';
import { supervisingLevel, type JurisdictionLevel } from '../../libs/domain/src/jurisdiction';
import { organisationAtLevelAbove, organisationJurisdiction } from '../../libs/persistence/src/registry';
import { enqueueNotification } from '../../libs/persistence/src/notifications';
import { closeTasks, openTask, rescheduleTask } from '../../libs/persistence/src/tasks';

/** The office that supervises each level (督办): a street office over a community, a housing bureau above. */
const SUPERVISING_KIND: Partial<Record<JurisdictionLevel, 'street_office' | 'housing_bureau'>> = {
  street: 'street_office',
  district: 'housing_bureau',
  city: 'housing_bureau',
};

/**
 * The task inbox, written on the workflow's behalf. Opening and closing are idempotent (a task is
 * keyed by workflow and step; a closed task stays closed), and each notification is written in the same
 * transaction as the change it reports, under a dedup key, so a retried activity never sends twice.
 */
export function createTaskActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async openTask(input: OpenTaskInput): Promise<void> {
      await dataSource.transaction(async (m) => {
        if (!(await openTask(m, input))) return;
        await enqueueNotification(
          m,
          {
            dedupKey: `${input.workflowId}:${input.key}:opened`,
            recipientRole: input.assigneeRole,
            recipientOrganisationId: input.assigneeOrganisationId,
            title: input.kind === 'escalation' ? '督办提醒' : '新的待办事项',
            body: input.title,
          },
          input.workflowId,
        );
      });
    },

    /** Moves an open task's due time (a registered 节假日安排 replaced a provisional one); a retry sets the same. */
    async rescheduleTask(input: RescheduleTaskInput): Promise<void> {
      await rescheduleTask(dataSource, input);
    },

    async closeTasks(input: CloseTasksInput): Promise<void> {
      await dataSource.transaction(async (m) => {
        await closeTasks(m, input);
        if (input.notify) await enqueueNotification(m, input.notify, input.workflowId);
      });
    },

    /** A notice with no task behind it (a 换届 reminder); the dedup key makes a retry a no-op. */
    async sendNotification(input: { workflowId: string; notify: NotificationSpec }): Promise<void> {
      await dataSource.transaction((m) => enqueueNotification(m, input.notify, input.workflowId));
    },

    /** Who supervises an organisation, from the jurisdiction tree: 社区 → 街道 → 区/县 主管部门. */
    async findSupervisor(input: { organisationId: string }): Promise<Supervisor | null> {
      const own = await organisationJurisdiction(dataSource, input.organisationId);
      if (!own) return null;
      for (let level = supervisingLevel(own.level); level; level = supervisingLevel(level)) {
        const kind = SUPERVISING_KIND[level];
        if (!kind) continue;
        const found = await organisationAtLevelAbove(dataSource, kind, level, own.path);
        if (found) return { role: kind, organisationId: found };
      }
      return null;
    },
  };
}
