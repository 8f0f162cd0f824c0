import type { DataSource, EntityManager } from 'typeorm';
import type {
  CloseTasksInput,
  NotificationSpec,
  OpenTaskInput,
  RescheduleTaskInput,
  Supervisor,
} from '../../libs/contracts/src/tasks';
import { supervisingLevel, type JurisdictionLevel } from '../../libs/domain/src/jurisdiction';

/** The office that supervises each level (督办): a street office over a community, a housing bureau above. */
const SUPERVISING_KIND: Partial<Record<JurisdictionLevel, 'street_office' | 'housing_bureau'>> = {
  street: 'street_office',
  district: 'housing_bureau',
  city: 'housing_bureau',
};

export async function enqueueNotification(
  m: EntityManager,
  spec: NotificationSpec,
  workflowId: string | null,
): Promise<void> {
  await m.query(
    `INSERT INTO notifications (dedup_key, channel, recipient_role, recipient_organisation_id, workflow_id, title, body)
     VALUES ($1, 'in_app', $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING`,
    [spec.dedupKey, spec.recipientRole, spec.recipientOrganisationId, workflowId, spec.title, spec.body],
  );
}

/**
 * The task inbox, written on the workflow's behalf. Opening and closing are idempotent (a task is
 * keyed by workflow and step; a closed task stays closed), and each notification is written in the same
 * transaction as the change it reports, under a dedup key, so a retried activity never sends twice.
 */
export function createTaskActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async openTask(input: OpenTaskInput): Promise<void> {
      await dataSource.transaction(async (m) => {
        const opened: unknown[] = await m.query(
          `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                              jurisdiction_path, update_name, due_at, due_provisional, opened_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::varchar, (SELECT path FROM jurisdictions WHERE code = $7::varchar), $8, $9, $11, $10)
           ON CONFLICT (workflow_id, task_key) DO NOTHING RETURNING id`,
          [
            input.workflowId,
            input.key,
            input.kind,
            input.title,
            input.assigneeRole,
            input.assigneeOrganisationId,
            input.jurisdictionCode,
            input.updateName,
            input.dueAt,
            input.at,
            input.dueProvisional ?? false,
          ],
        );
        if (opened.length === 0) return;
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
      await dataSource.query(
        `UPDATE tasks SET due_at = $3, due_provisional = $4 WHERE workflow_id = $1 AND task_key = $2 AND status = 'open'`,
        [input.workflowId, input.key, input.dueAt, input.dueProvisional],
      );
    },

    async closeTasks(input: CloseTasksInput): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE tasks SET status = $3, closed_at = $4, close_note = $5
            WHERE workflow_id = $1 AND task_key = ANY($2) AND status = 'open'`,
          [input.workflowId, input.keys, input.status, input.at, input.note],
        );
        if (input.notify) await enqueueNotification(m, input.notify, input.workflowId);
      });
    },

    /** A notice with no task behind it (a 换届 reminder); the dedup key makes a retry a no-op. */
    async sendNotification(input: { workflowId: string; notify: NotificationSpec }): Promise<void> {
      await dataSource.transaction((m) => enqueueNotification(m, input.notify, input.workflowId));
    },

    /** Who supervises an organisation, from the jurisdiction tree: 社区 → 街道 → 区/县 主管部门. */
    async findSupervisor(input: { organisationId: string }): Promise<Supervisor | null> {
      const [own] = await dataSource.query(
        `SELECT j.level, j.path FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code WHERE o.id = $1`,
        [input.organisationId],
      );
      if (!own) return null;
      for (let level = supervisingLevel(own.level); level; level = supervisingLevel(level)) {
        const kind = SUPERVISING_KIND[level];
        if (!kind) continue;
        const [found] = await dataSource.query(
          `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
            WHERE o.kind = $1 AND j.level = $2 AND $3 LIKE j.path || '%' LIMIT 1`,
          [kind, level, own.path],
        );
        if (found) return { role: kind, organisationId: found.id };
      }
      return null;
    },
  };
}
