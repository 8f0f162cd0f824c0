import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { committeeTermWorkflowId } from '../../libs/contracts/src/committee-formation';
import { TASK_QUEUE, procedureSearchAttributes } from '../../libs/contracts/src/procedures';
import { addMonths } from '../../libs/domain/src/committee';
import type { PolicyOverride } from '../../libs/domain/src/policy';
import {
  activateCommittee,
  insertCommitteePeople,
  insertFormation,
  recordElectedCommittee,
} from '../../libs/persistence/src/committees';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import { communityOfficeOfEstate } from '../../libs/persistence/src/registry';
import type { committeeTerm } from '../../workflows/committee-term';
import { chinaDayFromNow } from './handover-fixtures';
import { eventually, type RunningApi } from './stack';
import type { SyntheticVoter } from './synthetic-estate';

/**
 * A 业委会 as a formation's 备案 leaves it — its formation, five members and filing written by the same
 * data-access functions the formation's activities call, and its term watched by `committeeTerm` under the
 * estate's policy — for tests of the term without running a whole formation first. `asOwners`: the members
 * stand as the estate's first five owners (委员应当由业主担任), as a nomination by owner id leaves them.
 */
export async function startServingCommittee(
  env: TestWorkflowEnvironment,
  dataSource: DataSource,
  estateId: string,
  termEnd: string,
  { asOwners = false }: { asOwners?: boolean } = {},
) {
  const [estate]: Array<{ name: string; code: string; path: string; street: string }> = await dataSource.query(
    `SELECT e.name, e.jurisdiction_code AS code, e.jurisdiction_path AS path, o.id AS street
       FROM estates e JOIN jurisdictions j ON j.code = e.jurisdiction_code
       JOIN organisations o ON o.kind = 'street_office' AND o.jurisdiction_code = j.parent_code
      WHERE e.id = $1`,
    [estateId],
  );
  const owners: Array<{ id: string }> = asOwners
    ? await dataSource.query(
        `SELECT DISTINCT vso.owner_id AS id FROM units u JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
          WHERE u.estate_id = $1 ORDER BY vso.owner_id LIMIT 5`,
        [estateId],
      )
    : [];
  const members = ['委员甲', '委员乙', '委员丙', '委员丁', '委员戊'].map((name, i) => ({
    id: randomUUID(),
    name,
    partyMember: false,
    ownerId: owners[i]?.id ?? null,
  }));
  const committeeId = await recordServingCommittee(dataSource, estateId, members, {
    termStart: addMonths(termEnd, -60),
    termEnd,
    filingNumber: '洛江业备〔2021〕1号',
  });
  const policy = (await localityPolicy(dataSource, estate.path)).committeeFormation;
  const handle = await env.client.workflow.start<typeof committeeTerm>('committeeTerm', {
    taskQueue: TASK_QUEUE,
    workflowId: committeeTermWorkflowId(committeeId),
    args: [
      {
        committeeId,
        kind: 'owners_committee',
        estateId,
        estateName: estate.name,
        jurisdictionCode: estate.code,
        streetOfficeOrganisationId: estate.street,
        communityOrganisationId: (await communityOfficeOfEstate(dataSource, estateId))!,
        termEnd,
        policy,
      },
    ],
    typedSearchAttributes: procedureSearchAttributes(
      'committee-term',
      { estateId, jurisdictionCode: estate.code },
      'serving',
    ),
  });
  return { committeeId, handle, members: members.map((m) => ({ personId: m.id, ownerId: m.ownerId })) };
}

/**
 * A 业委会 in office as a formation's 备案 leaves it — formation, people, election and filing written by the
 * data-access functions the formation's activities call (so 备案 also points the fund's 业委会 at it).
 */
export async function recordServingCommittee(
  dataSource: DataSource,
  estateId: string,
  people: Array<{ id: string; name: string; partyMember: boolean; ownerId?: string | null }>,
  term: { termStart: string; termEnd: string; filingNumber: string },
): Promise<string> {
  const committeeId = randomUUID();
  const formationId = randomUUID();
  await dataSource.transaction(async (m) => {
    const at = new Date().toISOString();
    await insertFormation(m, {
      formationId,
      workflowId: `committee-formation-${formationId}`,
      estateId,
      mode: 'formation',
      applicant: 'street_office',
      at,
    });
    await insertCommitteePeople(m, estateId, people);
    await recordElectedCommittee(m, {
      formationId,
      committeeId,
      estateId,
      electedIds: people.map((p) => p.id),
      termStart: term.termStart,
      termEnd: term.termEnd,
    });
    await activateCommittee(m, {
      committeeId,
      formationId,
      estateId,
      filingNumber: term.filingNumber,
      filingPackage: {},
      at,
    });
  });
  return committeeId;
}

/**
 * The policy a formation runs through in seconds on the dev server (with createDrillCommunity): the meeting may
 * be held on the day it is posted, and each vote's 结果公示 lasts two seconds.
 */
export const FORMATION_DRILL_POLICY: PolicyOverride = {
  committeeFormation: { preparationNoticeDays: 0 },
  ownersVote: { resultNoticePeriod: { seconds: 2, unit: 'seconds' } },
};

const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });

/**
 * The street office (and the three reviewing departments) take an estate's formation through HTTP to `stage`:
 * `waiting_meeting` (posted, the meeting 20 days on), or `first_meeting` — the meeting held today, every voter
 * electing the five candidates (the estate's first five owners by room, voters[0..4]), which needs an estate in
 * a community of FORMATION_DRILL_POLICY. The community's 党支部 reviews as `partyLogin` (马甲村's by default).
 */
export async function formationAtStage(
  api: RunningApi,
  dataSource: DataSource,
  { estateId, voters }: { estateId: string; voters: SyntheticVoter[] },
  stage: 'waiting_meeting' | 'first_meeting',
  { partyLogin = 'majia-party' }: { partyLogin?: string } = {},
): Promise<void> {
  const clerk = await api.token('majia-clerk');
  const base = `/estates/${estateId}/committee-formation`;
  const succeed = async (method: string, path: string, body?: object, token = clerk) => {
    const answer = await api.call(method, path, { token, body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const step = (path: string, body: object, token = clerk) => succeed('POST', `${base}/${path}`, body, token);
  const atStage = (target: string) =>
    eventually(async () => {
      const state = await succeed('GET', base);
      return state.stage === target ? state : undefined;
    }, 30_000);

  await succeed('POST', base, { applicant: 'street_office' });
  await atStage('prep_group');
  await step('prep-group', {
    members: [
      { name: '街道代表甲', side: 'street_office', leader: true },
      { name: '村委代表乙', side: 'community', leader: false },
      ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
    ],
  });
  await atStage('preparation');
  const meetingDate = chinaDayFromNow(stage === 'first_meeting' ? 0 : 20);
  await step('preparation', { meetingDate, covenant: doc('管理规约'), meetingRules: doc('业主大会议事规则') });
  await atStage('nomination');
  const owners: Array<{ id: string }> = await dataSource.query(
    `SELECT so.owner_id AS id FROM voting_subject_owners so JOIN units u ON u.voting_subject_id = so.voting_subject_id
      WHERE u.estate_id = $1 GROUP BY so.owner_id ORDER BY min(u.room_no::int) LIMIT 5`,
    [estateId],
  );
  await step('candidates', {
    seats: 5,
    candidates: owners.map((o) => ({ ownerId: o.id, nominatedBy: 'owners', partyMember: false })),
  });
  const { candidateIds } = await atStage('review');
  const verdicts = candidateIds.map((candidateId: string) => ({
    candidateId,
    passed: true,
    reason: '经核查无负面清单情形',
    findings: [],
  }));
  for (const department of ['majia-police', 'majia-petition', partyLogin])
    await step('reviews', { verdicts }, await api.token(department));
  await atStage('posting');
  await step('posting', { meetingDate });
  if (stage === 'waiting_meeting') {
    await atStage('waiting_meeting');
    return;
  }
  // The meeting is today: its three votes open at once; every voter elects the five and adopts both documents.
  const { voteIds } = await atStage('assembly');
  const [election, ...documents] = voteIds as string[];
  for (const voteId of voteIds)
    await eventually(async () => ((await succeed('GET', `/votes/${voteId}`)).status === 'open' ? true : undefined));
  for (const voter of voters) {
    const token = await api.token(voter.username);
    const identity = { idNumber: voter.idNumber, certificateNo: voter.certificateNo };
    await succeed('POST', `/votes/${election}/ballots`, { candidateIds, ...identity }, token);
    for (const voteId of documents)
      await succeed('POST', `/votes/${voteId}/ballots`, { choice: 'yes', ...identity }, token);
  }
  for (const voteId of voteIds) await succeed('POST', `/votes/${voteId}/close`);
  await atStage('first_meeting');
}
