import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { HALTED_LINE } from '../../apps/worker/src/crash-drill';
import { stopChild } from '../../scripts/lib/processes';
import { testSettings } from './stack';
import { spawnWorker } from './worker-process';

/**
 * kill -9 of the worker process at a chosen activity, and a successor that takes over. One worker of the
 * drill polls at a time, so the chosen attempt runs on the doomed one: it finishes the activity's work
 * (its writes committed) and holds the result back (apps/worker/src/crash-drill.ts), the test kills it,
 * and Temporal hands the attempt to the successor once its start-to-close timeout has passed, so every
 * write of that activity is made a second time.
 */
export class WorkerCrashDrill {
  private readonly cleanups: Array<() => Promise<void>> = [];
  private current: ChildProcess | null = null;

  /** A worker that halts nowhere, for the steps before the one the drill kills the worker in. */
  async start(): Promise<void> {
    await this.replace();
  }

  /**
   * Replaces the running worker by one that halts after `activityType`, then runs `trigger` (which makes that
   * activity run), kills the worker with SIGKILL as soon as an attempt has done its work, and starts a
   * successor. Answers what `trigger` answers, once it does: a step sent over HTTP waits for the retry.
   */
  async killAfter<T>(activityType: string, trigger: () => Promise<T>): Promise<T> {
    const doomed = await this.replace(activityType);
    const halted = lineOf(doomed, HALTED_LINE);
    const answer = trigger();
    // An early failure of the trigger is reported by the caller's await, not as an unhandled rejection here.
    answer.catch(() => undefined);
    await halted;
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    this.current = null;
    await this.replace();
    return answer;
  }

  /** Stops every worker the drill started (the killed ones are gone already). */
  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
    this.current = null;
  }

  private async replace(haltAfterActivity?: string): Promise<ChildProcess> {
    if (this.current) await stopChild(this.current, 'worker');
    const { databaseUrl, temporal } = testSettings(); // the test file's own, known once its hooks ran
    this.current = await spawnWorker({
      databaseUrl,
      temporal,
      quiet: true,
      haltAfterActivity,
      onCleanup: (cleanup) => this.cleanups.push(cleanup),
    });
    return this.current;
  }
}

/** Resolves when the child prints `text`, even split over chunks (or inside a character). */
function lineOf(child: ChildProcess, text: string): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      seen = (seen + decoder.write(chunk)).slice(-4 * text.length);
      if (seen.includes(text)) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it halted`)));
  });
}

/** The attempt that completed each scheduled run of `activityType` in a workflow's history, in order. */
export async function activityAttempts(workflowId: string, activityType: string): Promise<number[]> {
  const { temporal } = testSettings();
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const { history } = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: temporal.namespace,
      execution: { workflowId },
    });
    const events = history!.events!;
    const attemptOf = new Map(
      events
        .filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => [
          String(e.activityTaskStartedEventAttributes!.scheduledEventId),
          e.activityTaskStartedEventAttributes!.attempt ?? 1,
        ]),
    );
    return events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((e) => attemptOf.get(String(e.eventId)) ?? 0);
  } finally {
    await connection.close();
  }
}

/**
 * What a workflow wrote more than once: timeline entries (same stage, note and actor), inbox tasks (same key)
 * and notices (same recipient and text). Empty when every retried write was a no-op.
 */
export async function duplicatedRecords(dataSource: DataSource, workflowId: string): Promise<string[]> {
  const rows: Array<{ what: string; n: number }> = await dataSource.query(
    `SELECT 'timeline ' || stage || ' ' || coalesce(note, '') AS what, count(*)::int AS n FROM procedure_events
      WHERE workflow_id = $1 GROUP BY stage, note, actor_user_id HAVING count(*) > 1
     UNION ALL
     SELECT 'task ' || task_key, count(*)::int FROM tasks WHERE workflow_id = $1 GROUP BY task_key HAVING count(*) > 1
     UNION ALL
     SELECT 'notice ' || title || ' ' || body, count(*)::int FROM notifications
      WHERE workflow_id = $1 GROUP BY recipient_role, recipient_organisation_id, title, body HAVING count(*) > 1`,
    [workflowId],
  );
  return rows.map((r) => `${r.what} ×${r.n}`);
}

/** How many audit entries a request path has (one per answered call). */
export async function auditEntriesOf(dataSource: DataSource, resource: string): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE resource = $1`, [resource]);
  return n;
}
