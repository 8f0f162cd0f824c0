import { maskName } from '../../libs/domain/src/personal-data';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { formationAtStage } from '../support/committee-fixtures';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';

const PHONE = { width: 375, height: 812 };

/**
 * 指导规则 (rules.md §1 row 4) on an owner's phone: the formation's posting — roll totals, 筹备组 and candidates,
 * names masked — an objection refused beside its field and then filed, and the street office's answer shown
 * beside it; the office reads the same posting in clear on the formation page.
 */
describe('工作台: the 业委会组建 posting and an owner’s objection in a browser', () => {
  let estateId: string;
  let voters: SyntheticVoter[];
  const prefix = `bpost${Date.now().toString(36)}`;

  const stack = useBrowserStack({ worker: true });

  beforeAll(async () => {
    ({ estateId, voters } = await createSyntheticEstate(stack.dataSource, prefix, 10));
    await formationAtStage(stack.api, stack.dataSource, { estateId, voters }, 'waiting_meeting');
  });

  it('shows the posting masked, refuses a short objection beside its field, files one and shows the answer', async () => {
    const { api } = stack;
    const owner = await (await newContext(stack.browser, PHONE)).newPage();
    await owner.goto(`${api.url}/console/`);
    await loginAs(owner, voters[0].username);
    await owner.getByRole('link', { name: '业委会组建公示 →' }).click();
    const posting = owner.getByTestId('formation-posting');
    // Ten units, nine voting subjects (createSyntheticEstate); owners read the 筹备组 masked.
    await posting.getByText(/^9 户（表决主体）/).waitFor();
    await owner.getByText(maskName('街道代表甲'), { exact: true }).waitFor();
    await owner.getByText('公示期内尚无异议。').waitFor();

    await owner.getByRole('combobox').click();
    await owner.getByTitle('业主名册（身份、人数、面积）').click();
    await owner.getByRole('textbox').fill('有误');
    await owner.getByRole('button', { name: '提交异议' }).click();
    await owner.locator('.ant-form-item', { hasText: '异议理由' }).locator('.ant-form-item-explain-error').waitFor();
    const reason = `3号房面积应为 98.36 平方米（${prefix}）`;
    await owner.getByRole('textbox').fill(reason);
    await owner.getByRole('button', { name: '提交异议' }).click();
    const objection = owner.getByTestId('formation-objection').filter({ hasText: reason });
    await objection.getByText('待街道答复').waitFor();
    await objection.getByText('我提出的').waitFor();
    await screenshot(owner, 'formation-posting-1-objection');

    // The street office reads it in clear on the formation page, and answers it (its inbox task's door).
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${api.url}/console/estates/${estateId}/formation`);
    await loginAs(clerk, 'majia-clerk');
    await clerk.getByText('街道代表甲').waitFor();
    await clerk.getByTestId('formation-objection').filter({ hasText: reason }).getByText('待街道答复').waitFor();
    const clerkToken = await api.token('majia-clerk');
    const [{ id: objectionId }] = (
      await api.call('GET', `/estates/${estateId}/committee-formation/posting`, { token: clerkToken })
    ).body.objections;
    const answer = '经核对不动产登记簿，名册已更正为 98.36 平方米';
    const answered = await api.call('POST', `/estates/${estateId}/committee-formation/objection-answers`, {
      token: clerkToken,
      body: { objectionId, answer },
    });
    expect(answered.status).toBe(200);

    await owner.reload();
    await objection.getByText('已答复').waitFor();
    await objection.getByText(answer, { exact: false }).waitFor();
    await screenshot(owner, 'formation-posting-2-answered');

    // The 公示栏 at the gate, without login: dates and counts, no name, masked or not.
    const passer = await (await newContext(stack.browser, PHONE)).newPage();
    await passer.goto(`${api.url}/console/notice-board/${estateId}`);
    const posted = passer.getByTestId('posted-formation');
    await posted.getByText('9 户（表决主体）', { exact: false }).waitFor();
    await posted.getByText('业主代表 3 人、街道办/乡镇代表 1 人、居（村）委会代表 1 人').waitFor();
    await posted.getByText('已答复 1 件，待答复 0 件').waitFor();
    expect(await passer.getByText(maskName('街道代表甲')).count()).toBe(0);
    await screenshot(passer, 'formation-posting-3-notice-board');
  });
});
