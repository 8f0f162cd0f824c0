import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createEvaluationStreet, evaluationPoints, type EvaluationStreet } from '../support/evaluation-fixtures';
import { eventually } from '../support/stack';

/** A street of this file's own (tests/support/evaluation-fixtures.ts). */
const STREET = '350881017';
const MONTH = '2026-08';
const FIRM_NAME = '（合成）浏览器考评物业有限公司';

/**
 * 精细化考评 and the credit file in a browser (issue #20): a street office starts a month's run (a second start
 * refused beside the month), the community scores an estate below the pass mark on the template's form, the
 * 通报 shows it with its 提醒函, the firm answers the measure (a too-short answer refused beside the field), the
 * street office records a 红色物业 star in the firm's credit file, and the public credit page shows the firm's grade
 * without login.
 */
describe('工作台: 精细化考评 and the credit file in a browser', () => {
  const stack = useBrowserStack({ worker: true });
  let street: EvaluationStreet;

  beforeAll(async () => {
    street = await createEvaluationStreet(stack.dataSource, { prefix: 'bev', label: '浏览器考评', code: STREET });
  });

  // One scenario: each step acts on the run, score and measure of the step before.
  it('starts a run, scores an estate below the pass mark, shows the 通报, takes the firm’s answer and shows the grade publicly', async () => {
    const { api } = stack;
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${api.url}/console/evaluations`);
    await loginAs(clerk, 'bev-street');
    await clerk.getByRole('heading', { name: '精细化考评' }).waitFor();
    const start = clerk.getByRole('form', { name: '开展月度考评' });
    await start.getByLabel('街道代码').fill(STREET);
    await start.getByLabel('月份').fill(MONTH);
    await start.getByRole('button', { name: '开展考评' }).click();
    await clerk.getByText('已开展考评：2 个小区的打分任务已派发给社区').waitFor();
    // The same month again: refused (409), the reason beside the month.
    await start.getByLabel('月份').fill(MONTH);
    await start.getByRole('button', { name: '开展考评' }).click();
    await start
      .locator('.ant-form-item', { hasText: '月份' })
      .locator('.ant-form-item-explain-error', { hasText: `${MONTH} 的考评已经开展` })
      .waitFor();

    // The community scores the poor estate at half the points on the form, the good one through the API.
    const community = await (await newContext(stack.browser)).newPage();
    await community.goto(`${api.url}/console/evaluations?month=${MONTH}`);
    await loginAs(community, 'bev-community');
    await community.getByRole('link', { name: '（合成）bev-poor' }).click();
    const scoring = community.getByRole('form', { name: '逐项打分' });
    const fields = scoring.getByRole('spinbutton');
    await fields.first().waitFor();
    for (let i = 0; i < (await fields.count()); i++) await fields.nth(i).fill('5');
    await scoring.getByLabel('打分依据').fill('月度巡查记录：楼道堆物未清理，业主满意度抽样 20 户');
    await scoring.getByRole('button', { name: '提交打分' }).click();
    await community.getByText('已提交：50 分').waitFor();
    const { body: run } = await api.call('GET', `/evaluations?jurisdiction=${STREET}&month=${MONTH}`, {
      token: await api.token('bev-street'),
    });
    const good = run.items.find((s: { estateId: string }) => s.estateId === street.estates.good);
    expect(
      await api.call('POST', `/evaluations/${good.id}/scores`, {
        token: await api.token('bev-community'),
        body: { items: evaluationPoints(0.9), evidence: '月度巡查记录，无明显问题' },
      }),
    ).toMatchObject({ status: 200 });

    // The 通报 of the month, published once both are scored, with the chart of the run.
    await eventually(async () => {
      const { body } = await api.call('GET', `/evaluations/bulletins?jurisdiction=${STREET}&month=${MONTH}`, {
        token: await api.token('bev-street'),
      });
      return body.length ? body : undefined;
    }, 30_000);
    await clerk.goto(`${api.url}/console/evaluations/bulletins?jurisdiction=${STREET}&month=${MONTH}`);
    const bulletin = clerk.getByRole('region', { name: '（合成）浏览器考评街道考评通报' });
    const poorRow = bulletin.getByRole('row').filter({ hasText: '（合成）bev-poor' });
    await poorRow.getByText('不达标').waitFor();
    await poorRow.getByText('提醒函').waitFor();
    await bulletin.getByRole('row').filter({ hasText: '（合成）bev-good' }).getByText('达标').waitFor();
    expect(await clerk.getByRole('button', { name: '打印通报' }).isEnabled()).toBe(true);
    await screenshot(clerk, 'evaluations-1-bulletin');
    await clerk.goto(`${api.url}/console/evaluations/runs/${good.runId}`);
    await clerk.getByRole('img', { name: '各小区得分与及格线' }).waitFor();
    await screenshot(clerk, 'evaluations-2-run');

    // The firm sees its measure with its deadline and answers it.
    await eventually(async () => {
      const { body } = await api.call('GET', `/evaluations?month=${MONTH}&passed=false`, {
        token: await api.token('bev-firm'),
      });
      return body.items[0]?.measure ? body : undefined;
    });
    const firm = await (await newContext(stack.browser)).newPage();
    await firm.goto(`${api.url}/console/evaluations`);
    await loginAs(firm, 'bev-firm');
    await firm.getByRole('heading', { name: '本企业考评结果' }).waitFor();
    const measureRow = firm.getByRole('row').filter({ hasText: '（合成）bev-poor' });
    await measureRow.getByText('提醒函').waitFor();
    await measureRow.getByText(/请于 .* 前回复/).waitFor();
    await measureRow.getByRole('link', { name: '（合成）bev-poor' }).click();
    const answer = firm.getByRole('form', { name: '回复提醒函' });
    await answer.getByLabel('整改回复').fill('已改');
    await answer.getByRole('button', { name: '提交回复' }).click();
    await answer.locator('.ant-form-item', { hasText: '整改回复' }).locator('.ant-form-item-explain-error').waitFor();
    await answer.getByLabel('整改回复').fill('已增派保洁两人，楼道堆物全部清理并每日巡查');
    await answer.getByRole('button', { name: '提交回复' }).click();
    await firm.getByText('已提交').first().waitFor();
    await firm.getByText(/提醒函（本小区连续 1 个月不达标），已回复/).waitFor();
    await screenshot(firm, 'evaluations-3-measure-answered');

    // The street office records a 红色物业 star in the firm's file; the file shows it and the grade's line.
    await clerk.goto(`${api.url}/console/credit/${street.firmId}`);
    await clerk.getByRole('heading', { name: `${FIRM_NAME} 信用档案` }).waitFor();
    const star = clerk.getByRole('form', { name: '登记加分记录' });
    await chooseOption(clerk, star.getByRole('combobox', { name: '类别' }), '红色物业星级');
    await star.getByLabel('事由').fill('红色物业星级评价三星（浏览器测试）');
    await star.getByRole('button', { name: /^登\s*记$/ }).click();
    await clerk.getByText(/^已登记，现为 /).waitFor();
    await clerk.getByRole('row').filter({ hasText: '红色物业星级评价三星（浏览器测试）' }).getByText('+2').waitFor();
    await clerk.getByRole('img', { name: '信用分与等级变化' }).waitFor();
    await screenshot(clerk, 'credit-2-file');

    // Anyone, without login, finds the firm's grade.
    const { body: file } = await api.call('GET', `/credit/firms/${street.firmId}`, {
      token: await api.token('bev-firm'),
    });
    const visitor = await (await newContext(stack.browser)).newPage();
    await visitor.goto(`${api.url}/console/public/credit`);
    await visitor.getByRole('heading', { name: '物业服务企业信用等级查询' }).waitFor();
    await visitor.getByRole('searchbox', { name: '企业名称' }).fill('浏览器考评');
    await visitor.getByRole('button', { name: /查\s*询/ }).click();
    const firmRow = visitor.getByRole('row').filter({ hasText: FIRM_NAME });
    await firmRow.getByText(file.grade, { exact: true }).waitFor();
    await firmRow.getByText(String(file.points), { exact: true }).waitFor();
    expect(visitor.url()).not.toContain('/login');
    await screenshot(visitor, 'credit-1-public');
  });
});
