import { Agent, request } from 'node:http';
import { Pool } from 'pg';
import { createActivities } from '../../activities';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { mintTokens, percentiles, runBench, runPool, spawnApi, type BenchStack } from './bench-stack';

/**
 * `npm run bench:votes`: an estate of 10,000 units (9,000 voting subjects), one vote, every ballot cast
 * through HTTP with real-name checks at a fixed concurrency; then, in the same API process and at the same
 * concurrency, the calibration route (the ballot's guard, pipes and interceptors, a handler that does nothing:
 * apps/api/src/bench/calibration.controller.ts); the raw `pg` insert rate of the same rows on the same database,
 * the tally time, and a check that nothing was lost or counted twice. Absolute rates do not carry from one
 * machine to the next (459–1,207 ballots/s at one commit on two machines of this kind), so the figure to compare
 * is ballots/s ÷ calibration req/s. The API runs in its own process, as in production; the load comes from this one.
 */
const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function bench({ databaseUrl, temporal, dataSource, onCleanup }: BenchStack): Promise<void> {
  const t0 = performance.now();
  const { estateId, voters } = await createSyntheticEstate(dataSource, 'bench', UNITS);
  console.log(
    `estate: ${UNITS} units, ${voters.length} voting subjects (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  const { base } = await spawnApi(
    { databaseUrl, temporal, onCleanup },
    process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [],
    { SUITE_MODE: 'development', BENCH_CALIBRATION_ROUTE: '1' },
  );
  const tokens = await mintTokens(dataSource, `u.username LIKE 'bench-owner-%' OR u.username = 'majia-clerk'`);
  const clerk = { authorization: `Bearer ${tokens.get('majia-clerk')}`, 'content-type': 'application/json' };
  const started = await fetch(`${base}/estates/${estateId}/votes`, {
    method: 'POST',
    headers: clerk,
    body: JSON.stringify({ matterItem: 'other_major', question: '是否同意更换小区大门门禁系统' }),
  });
  const { voteId } = (await started.json()) as { voteId: string };
  for (let status = ''; status !== 'open';) {
    await new Promise((r) => setTimeout(r, 200));
    status = ((await (await fetch(`${base}/votes/${voteId}`, { headers: clerk })).json()) as { status: string }).status;
  }

  // A plain keep-alive agent: the load generator shares the two cores, so it should cost as little as possible.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (path: string, token: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}${path}`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  /** Every voter once through `path`, at the bench's concurrency: rate, latencies and the answers other than 201. */
  const castAll = async (path: string) => {
    const latencies: number[] = [];
    const failures = new Map<number, number>();
    const start = performance.now();
    await runPool(voters, CONCURRENCY, async (voter) => {
      const t = performance.now();
      const status = await post(
        path,
        tokens.get(voter.username)!,
        JSON.stringify({ choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo }),
      );
      latencies.push(performance.now() - t);
      if (status !== 201) failures.set(status, (failures.get(status) ?? 0) + 1);
    });
    return { rate: voters.length / ((performance.now() - start) / 1000), latency: percentiles(latencies), failures };
  };
  const ballots = await castAll(`/votes/${voteId}/ballots`);
  const calibration = await castAll(`/bench/calibration/votes/${voteId}/ballots`);
  agent.destroy();

  // The same rows, straight into an identical table through `pg`, at the same concurrency.
  await dataSource.query(`CREATE TABLE bench_ballots (LIKE ballots INCLUDING ALL)`);
  const subjects: Array<{ subject_id: string }> = await dataSource.query(
    `SELECT subject_id FROM ballots WHERE vote_id = $1`,
    [voteId],
  );
  const pool = new Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  const rawStart = performance.now();
  await runPool(subjects, CONCURRENCY, async ({ subject_id }) => {
    await pool.query(
      `INSERT INTO bench_ballots (vote_id, subject_id, choice) VALUES ($1, $2, 'yes') ON CONFLICT (vote_id, subject_id) DO NOTHING`,
      [voteId, subject_id],
    );
  });
  const rawSeconds = (performance.now() - rawStart) / 1000;
  await pool.end();
  await dataSource.query(`DROP TABLE bench_ballots`);

  const tallyStart = performance.now();
  const { tally } = await createActivities({ dataSource }).tallyVote({ voteId, matter: 'ordinary' });
  const tallyMs = performance.now() - tallyStart;

  const [counts] = await dataSource.query(
    `SELECT count(*)::int AS rows, count(DISTINCT subject_id)::int AS subjects FROM ballots WHERE vote_id = $1`,
    [voteId],
  );
  const rawRate = subjects.length / rawSeconds;
  const answers = (failures: Map<number, number>) =>
    failures.size ? JSON.stringify(Object.fromEntries(failures)) : 'none';
  console.log(`\nbench:votes — ${voters.length} ballots through HTTP, concurrency ${CONCURRENCY}`);
  console.log(
    `ballots/s ${ballots.rate.toFixed(0)} · calibration ${calibration.rate.toFixed(0)} req/s · ratio ${(ballots.rate / calibration.rate).toFixed(2)}   (target ≥ 0.40)`,
  );
  console.log(
    `latency p50 / p99           ballots ${ballots.latency.p50.toFixed(1)} / ${ballots.latency.p99.toFixed(1)} ms · calibration ${calibration.latency.p50.toFixed(1)} / ${calibration.latency.p99.toFixed(1)} ms`,
  );
  console.log(`raw pg inserts/s            ${rawRate.toFixed(0)}   (for reference: the database alone)`);
  console.log(
    `tally (load + count)        ${tallyMs.toFixed(0)} ms   (target < 200 ms)   passed=${tally!.passed} heads=${tally!.participatingHeads}/${tally!.totalHeads}`,
  );
  console.log(
    `non-201 answers             ballots ${answers(ballots.failures)} · calibration ${answers(calibration.failures)}`,
  );
  console.log(`check lost=${voters.length - counts.subjects} duplicated=${counts.rows - counts.subjects}`);
}

void runBench(bench);
