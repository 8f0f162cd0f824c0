import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { committeeTermWorkflowId } from '../../libs/contracts/src/committee-formation';
import { TASK_QUEUE, procedureSearchAttributes } from '../../libs/contracts/src/procedures';
import { addMonths } from '../../libs/domain/src/committee';
import {
  activateCommittee,
  insertCommitteePeople,
  insertFormation,
  recordElectedCommittee,
} from '../../libs/persistence/src/committees';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import { communityOfficeOfEstate } from '../../libs/persistence/src/registry';
import type { committeeTerm } from '../../workflows/committee-term';

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
