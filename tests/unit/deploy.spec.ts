import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/src/procedures';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** docker-compose.yml is never run here (no Docker engine); these keep its files in step with the code. */
describe('deploy/ files of docker-compose.yml', () => {
  it('registers every search attribute the procedures write, with its type', () => {
    const listed = /SEARCH_ATTRIBUTES='([^']*)'/.exec(read('deploy/temporal/setup-namespace.sh'))![1];
    const cliType = { KEYWORD: 'Keyword', DATETIME: 'Datetime' } as Record<string, string>;
    expect(listed.split(' ').sort()).toEqual(
      Object.values(SEARCH_ATTRIBUTES)
        .map((key) => `${key.name}=${cliType[key.type]}`)
        .sort(),
    );
  });

  it('charts only metrics the API exports (or the Temporal SDK’s and process ones)', async () => {
    const metrics = new ApiMetrics({} as DataSource);
    const exported = new Set(metrics.registry.getMetricsAsArray().map((metric) => metric.name));
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/wuye-overview.json'));
    const charted = dashboard.panels.flatMap((panel: { targets: Array<{ expr: string }> }) =>
      panel.targets.flatMap((target) => target.expr.match(/\b(wuye|process|nodejs)_[a-z0-9_]+/g) ?? []),
    );
    expect(charted.length).toBeGreaterThan(0);
    for (const name of charted) expect(exported).toContain(name.replace(/_(bucket|count|sum)$/, ''));
    metrics.registry.clear();
  });
});
