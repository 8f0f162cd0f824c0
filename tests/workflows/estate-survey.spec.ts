import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  classifyEstateUpdate,
  estateSurveyStateQuery,
  estateSurveyWorkflowId,
  submitSurveyUpdate,
  type EstateSurveyInput,
} from '../../libs/contracts/src/estate-survey';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { policyFor } from '../../libs/domain/src/policy';
import { MEILING_PROBLEM_CATEGORIES } from '../../libs/domain/src/problems';
import type { estateSurvey } from '../../workflows/estate-survey';
import { completeSurvey } from '../support/fixtures';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

describe('estateSurvey workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let input: EstateSurveyInput;
  let community: Actor;
  let streetOffice: Actor;
  let bureauId: string;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const [estate] = await dataSource.query(
      `SELECT id, name, jurisdiction_code, jurisdiction_path FROM estates WHERE name = '马甲安置房小区'`,
    );
    const orgs: Array<{ id: string; kind: string }> = await dataSource.query(
      `SELECT id, kind FROM organisations WHERE name IN ('马甲村委会', '洛江区马甲镇人民政府', '洛江区住房和城乡建设局')`,
    );
    const org = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
    community = {
      userId: randomUUID(),
      role: 'community',
      organisationId: org('community'),
      jurisdictionCode: estate.jurisdiction_code,
    };
    streetOffice = {
      userId: randomUUID(),
      role: 'street_office',
      organisationId: org('street_office'),
      jurisdictionCode: '350504102',
    };
    bureauId = org('housing_bureau');
    input = {
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdiction_code,
      communityOrganisationId: org('community'),
      streetOfficeOrganisationId: org('street_office'),
      startedBy: streetOffice,
      policy: policyFor(estate.jurisdiction_path).estateSurvey,
    };
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const withWorker = (test: () => Promise<void>) => harness.withWorker(test);

  /** Each test surveys an estate of its own in the same village: an estate runs one survey at a time. */
  const start = async (policy: EstateSurveyInput['policy'] = input.policy) => {
    const { estateId } = await createSyntheticEstate(
      dataSource,
      `sv-${randomUUID().slice(0, 8)}`,
      1,
      input.jurisdictionCode,
    );
    return env.client.workflow.start<typeof estateSurvey>('estateSurvey', {
      taskQueue: TASK_QUEUE,
      workflowId: estateSurveyWorkflowId(randomUUID()),
      args: [{ ...input, estateId, policy }],
    });
  };

  it('classifies an estate once the community has returned its survey', async () => {
    await withWorker(async () => {
      const handle = await start();
      const afterSubmit = await handle.executeUpdate(submitSurveyUpdate, {
        args: [{ actor: community, survey: completeSurvey() }],
      });
      expect(afterSubmit.surveySubmittedAt).not.toBeNull();
      await handle.executeUpdate(classifyEstateUpdate, {
        args: [{ actor: streetOffice, estateClass: 'improvement', reason: '基础较好，照明和排水待提升' }],
      });
      const result = await handle.result();
      expect(result).toMatchObject({ estateClass: 'improvement', escalations: [] });
      const [procedure] = await dataSource.query(`SELECT status, stage FROM procedures WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(procedure).toEqual({ status: 'completed', stage: 'done' });
    });
  });

  it('escalates a late survey to the street office and a late classification to the housing bureau', async () => {
    await withWorker(async () => {
      const handle = await start();
      const { dueAt } = await eventually(async () => {
        const state = await handle.query(estateSurveyStateQuery);
        return state.dueAt ? state : undefined;
      });
      // Ten working days on China's calendar, counted from the workflow's (skipped) clock: more than ten days
      // (fewer than fourteen only when 调休 weekends fall inside, as around the Spring Festival).
      const { startTime } = await handle.describe();
      expect(new Date(dueAt!).getTime() - startTime.getTime()).toBeGreaterThan(10 * 86_400_000);
      await env.sleep('30 days');
      const late = await handle.query(estateSurveyStateQuery);
      expect(late.escalations).toEqual([
        expect.objectContaining({
          stage: 'survey',
          supervisor: { role: 'street_office', organisationId: input.streetOfficeOrganisationId },
        }),
      ]);
      const notes: Array<{ note: string }> = await dataSource.query(
        `SELECT note FROM procedure_events WHERE workflow_id = $1 AND note LIKE '督办%'`,
        [handle.workflowId],
      );
      expect(notes).toEqual([{ note: '督办：填报马甲安置房小区摸底表逾期（期限10个工作日），已提请上级督办' }]);
      const tasks: Array<{ task_key: string; assignee_organisation_id: string; status: string }> =
        await dataSource.query(
          `SELECT task_key, assignee_organisation_id, status FROM tasks WHERE workflow_id = $1 ORDER BY opened_at, task_key`,
          [handle.workflowId],
        );
      expect(tasks).toEqual([
        { task_key: 'survey', assignee_organisation_id: input.communityOrganisationId, status: 'open' },
        { task_key: 'survey:escalation', assignee_organisation_id: input.streetOfficeOrganisationId, status: 'open' },
      ]);

      await handle.executeUpdate(submitSurveyUpdate, { args: [{ actor: community, survey: completeSurvey() }] });
      await env.sleep('30 days');
      await handle.executeUpdate(classifyEstateUpdate, {
        args: [{ actor: streetOffice, estateClass: 'key', reason: '逾期定级，问题较多' }],
      });
      const result = await handle.result();
      expect(result.escalations.map((e) => [e.stage, e.supervisor?.role, e.supervisor?.organisationId])).toEqual([
        ['survey', 'street_office', input.streetOfficeOrganisationId],
        ['classify', 'housing_bureau', bureauId],
      ]);
      const open = await dataSource.query(
        `SELECT count(*)::int AS n FROM tasks WHERE workflow_id = $1 AND status = 'open'`,
        [handle.workflowId],
      );
      expect(open).toEqual([{ n: 0 }]);
    });
  });

  it('refuses a step in its validator, leaving no trace in the history', async () => {
    await withWorker(async () => {
      const handle = await start();
      const wrongParty = { ...community, organisationId: randomUUID() };
      await expect(
        handle.executeUpdate(submitSurveyUpdate, { args: [{ actor: wrongParty, survey: completeSurvey() }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(submitSurveyUpdate, {
          args: [{ actor: community, survey: { ...completeSurvey(), landArea: '12.345' } }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: '摸底表不完整：缺少占地面积（平方米，最多两位小数）' },
      });
      const history = await handle.fetchHistory();
      const accepted = history.events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
      expect(accepted).toHaveLength(0);
      expect((await handle.query(estateSurveyStateQuery)).stage).toBe('survey');
      await handle.terminate('test finished');
    });
  });

  it('checks the facility problems against the list the survey started with, the ten for one started before it', async () => {
    await withWorker(async () => {
      // 梅岭's 微实事 (seed 001 (十)): 管网损坏 is on its list, not on the ten of seed 000 附件4.
      const survey = completeSurvey({
        ownersCommittee: { exists: true, termEndsOn: '2027-06-30', partyMemberCount: 4 },
        propertyService: { mode: 'firm', firmName: '梅岭物业服务有限公司', firmPartyMemberCount: 2 },
        facilityProblems: [{ category: 'pipe_network', description: '2号楼雨污管网破裂' }],
      });
      const meiling = await start({ ...input.policy, problemCategories: [...MEILING_PROBLEM_CATEGORIES] });
      expect((await meiling.query(estateSurveyStateQuery)).problemCategories).toEqual(MEILING_PROBLEM_CATEGORIES);
      await meiling.executeUpdate(submitSurveyUpdate, { args: [{ actor: community, survey }] });
      // 社情民情, 挂钩情况 and the party members (seed 000 措施1 and 附件3, seed 001 (一)) are stored with the survey.
      const [stored] = await dataSource.query(`SELECT survey FROM estate_surveys WHERE workflow_id = $1`, [
        meiling.workflowId,
      ]);
      expect(stored.survey).toMatchObject({
        socialConditions: survey.socialConditions,
        liaisonPosts: ['town_section_official', 'town_official', 'community_official'],
        partyOrganisation: { membersByKind: { mobile: 6, public_servant: 9, retired_cadre: 12 } },
        ownersCommittee: { partyMemberCount: 4 },
        propertyService: { firmPartyMemberCount: 2 },
      });
      await meiling.terminate('test finished');

      const before = await start(); // the input of a survey started before the list was passed in
      expect((await before.query(estateSurveyStateQuery)).problemCategories).toHaveLength(10);
      await expect(
        before.executeUpdate(submitSurveyUpdate, { args: [{ actor: community, survey }] }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: '摸底表不完整：设施问题第1项的分类不在本地问题清单分类内' },
      });
      await before.terminate('test finished');
    });
  });
});
