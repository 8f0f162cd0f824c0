import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTemporalCli } from '../../scripts/lib/temporal-binaries';

/** Where the replay test finds the histories of earlier versions of the workflow code. */
export const HISTORIES_DIR = join(__dirname, '..', 'replay', 'histories');

interface ListedExecution {
  namespace?: string;
  execution: { workflowId: string; runId: string };
  type: { name: string };
  status: string;
  historyLength: string;
}

/**
 * `RECORD_HISTORIES=<label>` at the end of a test run: keeps the longest closed (else running) histories of
 * each workflow type (`RECORD_HISTORIES_PER_TYPE`, 3 unless set) the integration tests ran, as `<label>/<type>/<workflow id>.json`, for the replay test to
 * hold every later change of workflow code to. Record before changing a workflow; commit the files. The
 * Temporal CLI lists and writes them (`temporal workflow show --output json`, the format replay reads).
 */
export async function recordHistories(
  address: string,
  /** Where to look: one namespace, or the namespaces of every test file. */
  namespaces: string | string[],
  label: string,
  /** For a server that cannot list (the time-skipping one): the workflow ids to look for, e.g. from the read model. */
  workflowIds?: string[],
  perType = Number(process.env.RECORD_HISTORIES_PER_TYPE ?? 3),
): Promise<void> {
  const cli = (await ensureTemporalCli()) ?? 'temporal';
  const temporal = (namespace: string, ...args: string[]) =>
    execFileSync(cli, [...args, '--address', address, '--namespace', namespace], {
      maxBuffer: 256 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  const listed = [namespaces].flat().flatMap((namespace): ListedExecution[] =>
    (workflowIds
      ? workflowIds.flatMap((workflowId) => {
          try {
            const described = temporal(
              namespace,
              'workflow',
              'describe',
              '--output',
              'json',
              '--workflow-id',
              workflowId,
            );
            return [JSON.parse(described.toString()).workflowExecutionInfo as ListedExecution];
          } catch {
            return []; // started on another test file's server
          }
        })
      : (JSON.parse(temporal(namespace, 'workflow', 'list', '--output', 'json').toString()) as ListedExecution[])
    ).map((item) => ({ ...item, namespace })),
  );
  const byType = new Map<string, ListedExecution[]>();
  for (const item of listed) byType.set(item.type.name, [...(byType.get(item.type.name) ?? []), item]);
  const dir = join(HISTORIES_DIR, label);
  const closed = (item: ListedExecution) => Number(!item.status.includes('RUNNING'));
  for (const [type, executions] of byType) {
    mkdirSync(join(dir, type), { recursive: true });
    executions.sort((a, b) => closed(b) - closed(a) || Number(b.historyLength) - Number(a.historyLength));
    for (const { execution, namespace } of executions.slice(0, perType)) {
      const history = temporal(
        namespace!,
        ...['workflow', 'show', '--output', 'json'],
        ...['--workflow-id', execution.workflowId, '--run-id', execution.runId],
      );
      writeFileSync(join(dir, type, `${execution.workflowId}.json`), history);
    }
  }
  process.stdout.write(`已记录 ${byType.size} 种工作流的历史：${dir}\n`);
}
