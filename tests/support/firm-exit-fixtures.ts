import { expect } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';
import { DEFAULT_EVALUATION_POLICY } from '../../libs/domain/src/evaluation';
import type { ExitHandoverItem } from '../../libs/domain/src/firm-exit';
import { openEvaluationRun, recordEvaluationScore } from '../../libs/persistence/src/evaluations';
import type { EvaluationStreet } from './evaluation-fixtures';
import { eventually, type RunningApi } from './stack';
import type { SyntheticVoter } from './synthetic-estate';

/** A leaving firm's full list: 资料, funds (8650.00元), keys and facilities, the 物业服务用房. */
export const EXIT_HANDOVER_LIST: ExitHandoverItem[] = [
  { kind: 'documents', description: '竣工图、设施设备档案、业主资料', quantity: 12 },
  { kind: 'funds', description: '预收物业费及代管公共收益', amountFen: 8_650_00 },
  { kind: 'keys_facilities', description: '机房、消防控制室、单元门钥匙', quantity: 40 },
  { kind: 'service_premises', description: '1号楼架空层物业服务用房 120 平方米' },
];

/** The receiver accepts each of `count` items. */
export const acceptAll = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ itemNo: i + 1, accepted: true }));

/**
 * Six months in a row (2026-04 to 2026-09) the street's poor estate fails (55 分) and the good one passes, written
 * as the 考评 writes them, scored by the community's login `scorer`: the poor estate's firm may be taken through a 清退.
 */
export async function failSixMonths(dataSource: DataSource, street: EvaluationStreet, scorer: string): Promise<void> {
  const [actor]: Actor[] = await dataSource.query(
    `SELECT id AS "userId", role, organisation_id AS "organisationId", jurisdiction_code AS "jurisdictionCode"
       FROM users WHERE username = $1`,
    [scorer],
  );
  for (const month of ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'])
    await dataSource.transaction(async (m) => {
      const run = await openEvaluationRun(m, {
        street: { code: street.streetCode, path: street.streetPath },
        month,
        policy: DEFAULT_EVALUATION_POLICY,
        startedBy: null,
      });
      for (const e of run!.estates) {
        const score = e.estateId === street.estates.poor ? 55 : 85;
        await recordEvaluationScore(m, {
          scoreId: e.scoreId,
          items: {},
          evidence: '月度巡查记录',
          score,
          passed: score >= DEFAULT_EVALUATION_POLICY.passMark,
          actor,
          at: new Date().toISOString(),
        });
      }
    });
}

/**
 * Past the notice every owner votes 解聘 (民法典 art 278 (4)) through the vote engine and the street office closes
 * the vote early; resolves once the 清退 waits for the firm's handover list.
 */
export async function ownersDismissFirm(
  api: RunningApi,
  streetToken: string,
  exitId: string,
  voters: SyntheticVoter[],
): Promise<void> {
  const exit = async () => (await api.call('GET', `/firm-exits/${exitId}`, { token: streetToken })).body;
  const voteId = await eventually(async () => (await exit()).state?.voteId ?? undefined, 30_000);
  await eventually(async () =>
    (await api.call('GET', `/votes/${voteId}`, { token: streetToken })).body.status === 'open' ? true : undefined,
  );
  for (const voter of voters) {
    const body = { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo };
    const token = await api.token(voter.username);
    expect((await api.call('POST', `/votes/${voteId}/ballots`, { token, body })).status).toBe(201);
  }
  expect(await api.call('POST', `/votes/${voteId}/close`, { token: streetToken })).toMatchObject({ status: 200 });
  await eventually(async () => ((await exit()).state?.awaiting === 'list' ? true : undefined), 30_000);
}
