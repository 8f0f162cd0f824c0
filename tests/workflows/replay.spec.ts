import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../../apps/worker/src/worker';
import { HISTORIES_DIR } from '../support/record-histories';
import { installQuietRuntime } from '../support/stack';

/**
 * Procedures run for months: the workflow code of today must replay the histories recorded by earlier
 * versions (tests/replay/histories/<version>/<type>/<workflow id>.json, made with RECORD_HISTORIES).
 * A change that alters a recorded path needs `patched()`; without it this test fails with a
 * nondeterminism error naming the history.
 */
function recordedHistories() {
  return readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      file,
      workflowId: basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))),
    }));
}

describe('replay of recorded histories', () => {
  const histories = recordedHistories();

  it('has histories of every workflow type to replay', () => {
    const types = new Set(histories.map(({ file }) => file.split('/')[1]));
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'committeeFormation',
        'committeeTerm',
        'complaint',
        'dispute',
        'estateSurvey',
        'firmExit',
        'handover',
        'interimCommittee',
        'jointEnforcement',
        'jointOperationsCheck',
        'maintenanceFundTopUp',
        'maintenanceFundUse',
        'microProjectCheck',
        'ownersVote',
        'problem',
      ]),
    );
  });

  it('replays every recorded history with the current workflow code', async () => {
    installQuietRuntime();
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThan(0);
  });
});
