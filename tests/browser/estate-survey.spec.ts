import type { Page } from 'playwright-core';
import { initialChunks, kib } from '../support/console-bundle';
import { LIAISON_POSTS, PROPERTY_SERVICE_MODES, type EstateSurvey } from '../../libs/domain/src/estate-survey';
import { QUANZHOU_PROBLEM_CATEGORIES } from '../../libs/domain/src/problems';
import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { completeSurvey } from '../support/fixtures';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * Issue 15, test 1, in Debian's chromium against the real API (serving the built console), worker, Temporal and
 * PostgreSQL: the street office starts 小区摸底建档 from the estate page, the village community submits an empty
 * 摸底表 form, then an incomplete one (the workflow's 422: the reasons at the top), then corrects it; the street office classifies (a code of the wrong form first, the
 * reason beside 分类), and the case page shows the stage diagram and the timeline, the estate page the survey.
 */
describe('工作台: 小区摸底建档 in a browser', () => {
  let estateId: string;
  const estateName = `（合成）浏览器测试${Date.now().toString(36)}`;

  const stack = useBrowserStack({ worker: true });

  beforeAll(async () => {
    ({ estateId } = await createSyntheticEstate(stack.dataSource, estateName.replace('（合成）', ''), 20));
  });

  it('keeps the office shell within its budget', async () => {
    const chunks = await initialChunks('dist/console');
    const total = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
    console.log(
      `工作台首屏 JS：${chunks.map((c) => `${c.file} ${kib(c.gzipBytes)}`).join('，')}；gzip 合计 ${kib(total)}`,
    );
    expect(total).toBeLessThan(500_000);
  });

  /** Types into the step form's text fields by name. */
  async function fillStep(page: Page, fields: Record<string, string>): Promise<void> {
    const drawer = page.getByRole('dialog');
    await drawer.locator('form').waitFor();
    for (const [name, value] of Object.entries(fields)) await drawer.locator(`#${name}`).fill(value);
  }

  const problemLabels = new Map(QUANZHOU_PROBLEM_CATEGORIES.map((c) => [c.code, c.label]));

  /** Fills the 摸底表's fields as a community worker would: numbers and text typed, dates picked, choices chosen. */
  async function fillSurvey(page: Page, survey: EstateSurvey): Promise<void> {
    const drawer = page.getByRole('dialog');
    const at = (path: string) => drawer.locator(`#survey_${path}`);
    const date = at('deliveryDate');
    await date.fill(survey.deliveryDate);
    await date.press('Tab'); // Enter in the picker would submit the form
    for (const path of ['landArea', 'floorArea', 'socialConditions'] as const) await at(path).fill(survey[path]);
    for (const path of [
      'buildingCount',
      'householdCount',
      'occupiedHouseholds',
      'residentCount',
      'feeCollectionRate',
    ] as const)
      await at(path).fill(String(survey[path]));
    const party = survey.partyOrganisation;
    await at('partyOrganisation_exists')
      .getByText(party.exists ? '是' : '否')
      .click();
    await at('partyOrganisation_partyMemberCount').fill(String(party.partyMemberCount));
    for (const [kind, count] of Object.entries(party.membersByKind))
      await at(`partyOrganisation_membersByKind_${kind}`).fill(String(count));
    await at('ownersCommittee_exists')
      .getByText(survey.ownersCommittee.exists ? '是' : '否')
      .click();
    await chooseOption(page, at('propertyService_mode'), PROPERTY_SERVICE_MODES[survey.propertyService.mode]);
    for (const post of survey.liaisonPosts) await chooseOption(page, at('liaisonPosts'), LIAISON_POSTS[post]);
    await page.keyboard.press('Escape');
    for (const [index, problem] of survey.facilityProblems.entries()) {
      await drawer.getByRole('button', { name: '添加设施问题' }).click();
      const label = problemLabels.get(problem.category)!;
      await chooseOption(page, at(`facilityProblems_${index}_category`), label);
      await at(`facilityProblems_${index}_description`).fill(problem.description);
    }
  }

  async function openTask(page: Page, title: string): Promise<void> {
    await page.goto(`${stack.api.url}/console/inbox`);
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    const row = page.locator('tr', { hasText: estateName }).filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 }).catch(async (error) => {
      await screenshot(page, `failed-inbox-${title}`);
      throw error;
    });
    await row.getByRole('button', { name: /^办理/ }).click();
  }

  function submitStep(page: Page): Promise<void> {
    return page
      .getByRole('button', { name: '提 交' })
      .or(page.getByRole('button', { name: '提交' }))
      .last()
      .click();
  }

  /** The reasons antd shows in a field's own help area (under the input of `#id`). */
  function reasonsBeside(page: Page, id: string) {
    return page
      .getByRole('dialog')
      .locator('.ant-form-item', { has: page.locator(`#${id}`) })
      .locator('.ant-form-item-explain-error');
  }

  it('runs from the estate page to the classified case', async () => {
    // The street office: a deep link first, so login brings it back there.
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/estates/${estateId}`);
    await clerk.waitForURL(/\/console\/login\?next=/);
    await loginAs(clerk, 'majia-clerk');
    await clerk.waitForURL(new RegExp(`/console/estates/${estateId}$`));
    await clerk.getByRole('heading', { name: estateName }).waitFor();
    await screenshot(clerk, '1-estate-page');
    await clerk.getByRole('button', { name: '发起摸底建档' }).click();
    await clerk.getByRole('dialog').getByText('摸底表齐全后').waitFor();
    await clerk
      .getByRole('button', { name: '发 起' })
      .or(clerk.getByRole('button', { name: '发起' }))
      .last()
      .click();
    await clerk.waitForURL(/\/console\/procedures\/estate-survey-/);
    const workflowId = decodeURIComponent(new URL(clerk.url()).pathname.split('/').pop()!);
    await clerk.getByRole('heading', { name: `${estateName} 小区摸底建档` }).waitFor();
    await clerk.getByRole('navigation', { name: '阶段图' }).getByText('社区填报摸底表').waitFor();

    // The village community: the task in 我的待办, an incomplete survey refused with its reasons, then a complete one.
    const village = await (await newContext(stack.browser)).newPage();
    await village.goto(`${stack.api.url}/console/`);
    await loginAs(village, 'majia-village');
    await village.getByRole('heading', { name: '我的待办' }).waitFor();
    await openTask(village, '摸底');
    const alert = village.getByRole('dialog').getByRole('alert');

    // The 摸底表 as a form of its own fields (seed 000 附件3); the facility problem's 分类 offers the locality's
    // problem list: 马甲镇's ten (seed 000 附件4) and 泉州's 燃气管道 (seed 002 §2), the list the survey started with.
    const drawer = village.getByRole('dialog');
    await drawer.locator('form').waitFor();
    await drawer.getByRole('button', { name: '添加设施问题' }).click();
    const category = drawer.locator('#survey_facilityProblems_0_category');
    await category.click();
    await category.fill('燃气');
    await village.locator('.ant-select-dropdown:visible').getByTitle('燃气管道').waitFor();
    await screenshot(village, '2-survey-categories');
    await village.keyboard.press('Escape');
    await drawer.getByRole('button', { name: '删除设施问题第 1 项' }).click();
    // Nothing filled in: the workflow's 422 lists each gap at the top.
    await submitStep(village);
    await alert.getByText('缺少小区交付时间（格式 YYYY-MM-DD）', { exact: true }).waitFor();
    await alert.getByText(/^缺少社情民情/).waitFor();
    await screenshot(village, '2-survey-empty-refused');

    // An incomplete survey: the workflow's 422, whose reasons name no field, in the alert at the top.
    await fillSurvey(village, completeSurvey({ householdCount: 1000, propertyService: { mode: 'firm' } }));
    await submitStep(village);
    await alert.getByText('由物业服务企业管理的，须填写企业名称', { exact: true }).waitFor();
    await alert.getByText('入住户数不能大于总户数', { exact: true }).waitFor();
    await screenshot(village, '2-survey-refused');
    // What was typed is still there; the two answers are corrected where they were given.
    expect(await drawer.locator('#survey_householdCount').inputValue()).toBe('1000');
    await drawer.locator('#survey_householdCount').fill('1200');
    await chooseOption(village, drawer.locator('#survey_propertyService_mode'), '村（社区）代管');
    await submitStep(village);
    await village.getByText('已提交').waitFor();
    await village.getByRole('dialog').waitFor({ state: 'detached' });

    // The street office classifies from its inbox.
    await eventually(async () => {
      const [row] = await stack.dataSource.query(
        `SELECT 1 FROM tasks WHERE workflow_id = $1 AND status = 'open' AND assignee_role = 'street_office'`,
        [workflowId],
      );
      return row ? true : undefined;
    });
    await openTask(clerk, '定级');
    // A class code of the wrong form (the DTO's pattern): 格式不正确 beside 分类, not beside 定级理由.
    await fillStep(clerk, { estateClass: '示范小区', reason: '物业服务规范，经验可推广（浏览器测试）' });
    await submitStep(clerk);
    await reasonsBeside(clerk, 'estateClass').filter({ hasText: '格式不正确' }).waitFor();
    expect(await reasonsBeside(clerk, 'reason').count()).toBe(0);
    await screenshot(clerk, '3-classify-refused');
    await fillStep(clerk, { estateClass: 'demonstration' });
    await screenshot(clerk, '3-classify');
    await submitStep(clerk);
    await clerk.getByText('已提交').waitFor();

    // The case page once the case is closed (its last step opens the ledger's rows first): every stage done,
    // and the timeline with who did what and when.
    await eventually(async () => {
      const [row] = await stack.dataSource.query(`SELECT status FROM procedures WHERE workflow_id = $1`, [workflowId]);
      return row?.status === 'completed' ? true : undefined;
    });
    await clerk.goto(`${stack.api.url}/console/procedures/${encodeURIComponent(workflowId)}`);
    const diagram = clerk.getByRole('navigation', { name: '阶段图' });
    await diagram.getByText('已建档').waitFor();
    expect(await diagram.getByText('已完成').count()).toBeGreaterThanOrEqual(3);
    expect(await clerk.getByText('待进行').count()).toBe(0);
    const timeline = clerk.locator('.ant-timeline');
    await timeline.getByText('街道分类定级').first().waitFor();
    expect(await timeline.getByText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/).count()).toBeGreaterThanOrEqual(3);
    await timeline.getByText('（社区/居委会（村委会））').first().waitFor();
    await screenshot(clerk, '4-case-page');

    // The estate page's 摸底情况: 社情民情 and 挂钩情况 (seed 000 措施1, 附件3), the party members by kind (seed 001 (一)).
    await clerk.goto(`${stack.api.url}/console/estates/${estateId}`);
    const surveyCard = clerk.locator('.ant-card', { hasText: '摸底情况' });
    await surveyCard.getByText(completeSurvey().socialConditions).waitFor();
    await surveyCard.getByText(/流动党员 6 人，机关公职党员 9 人，退休党员干部 12 人/).waitFor();
    await surveyCard.getByText('乡镇科级干部：已挂钩').waitFor();
    await surveyCard.getByText('区领导：未挂钩').waitFor();
    await surveyCard.getByText('下水道堵塞：3号楼化粪池每逢雨季反涌').waitFor();
    await surveyCard.getByText(/示范.*（物业服务规范，经验可推广（浏览器测试），\d{4}年/).waitFor();
    await screenshot(clerk, '5-estate-survey');
  });
});
