import { maskName } from '../../libs/domain/src/personal-data';
import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { FORMATION_DRILL_POLICY, formationAtStage } from '../support/committee-fixtures';
import { createDrillCommunity, createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';

const PHONE = { width: 375, height: 812 };
/** A drill community of this file: the meeting is held the day it is posted, the votes' 公示 lasts seconds. */
const DRILL_COMMUNITY = '350504102296';

/**
 * 指导规则 (rules.md §1 row 6): the elected 业委会 holds its first meeting and one of its members records the
 * 主任 and 副主任 on the phone (a deputy who is the director is refused beside the field); the street office
 * follows it on the formation page, where no form is offered, and sees the officers once recorded.
 */
describe('工作台: the 业委会’s first meeting in a browser', () => {
  let estateId: string;
  let voters: SyntheticVoter[];
  const prefix = `bmeet${Date.now().toString(36)}`;

  const stack = useBrowserStack({ worker: true });

  beforeAll(async () => {
    const { partyLogin } = await createDrillCommunity(stack.dataSource, DRILL_COMMUNITY, FORMATION_DRILL_POLICY);
    ({ estateId, voters } = await createSyntheticEstate(stack.dataSource, prefix, 10, DRILL_COMMUNITY));
    await formationAtStage(stack.api, stack.dataSource, { estateId, voters }, 'first_meeting', { partyLogin });
  }, 120_000);

  it('a member records the officers on the phone; the street office follows it and sees them', async () => {
    const { api } = stack;
    // The street office: the five elected in clear, the member's step awaited, no form of its own.
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${api.url}/console/estates/${estateId}/formation`);
    await loginAs(clerk, 'majia-clerk');
    const followed = clerk.getByTestId('first-meeting');
    await followed.getByText('由当选委员登记结果', { exact: false }).waitFor();
    expect(await followed.getByTestId('committee-member').count()).toBe(5);
    await followed.getByText('1. 合成业主1').waitFor();
    expect(await clerk.getByRole('button', { name: '提交会议结果' }).count()).toBe(0);
    await screenshot(clerk, 'formation-first-meeting-1-office-waiting');

    // voters[0] stands for the first candidate, elected: on the phone, names masked and numbered.
    const member = await (await newContext(stack.browser, PHONE)).newPage();
    await member.goto(`${api.url}/console/my/formation`);
    await loginAs(member, voters[0].username);
    const form = member.getByRole('form', { name: '登记首次会议结果' });
    const first = `1. ${maskName('合成业主1')}`;
    const second = `2. ${maskName('合成业主2')}`;
    await chooseOption(member, form.getByLabel('主任', { exact: true }), first);
    await chooseOption(member, form.getByLabel('副主任'), first);
    await member.keyboard.press('Escape'); // a multiple select stays open over the button
    await form.getByRole('button', { name: '提交会议结果' }).click();
    const deputies = form.locator('.ant-form-item', { hasText: '副主任' });
    await deputies
      .locator('.ant-form-item-explain-error', { hasText: '副主任须为主任以外的当选委员，且不重复' })
      .waitFor();
    await screenshot(member, 'formation-first-meeting-2-refused', { fullPage: false });

    await deputies.locator('.ant-select-selection-item-remove').click();
    await chooseOption(member, form.getByLabel('副主任'), second);
    await member.keyboard.press('Escape');
    await form.getByRole('button', { name: '提交会议结果' }).click();
    const recorded = member.getByTestId('first-meeting');
    await recorded.getByText('首次会议已登记。').waitFor();
    await recorded
      .getByTestId('committee-member')
      .filter({ hasText: first })
      .getByText('主任', { exact: true })
      .waitFor();
    await screenshot(member, 'formation-first-meeting-3-recorded');

    await clerk.reload();
    await followed.getByText('首次会议已登记。').waitFor();
    const officers = followed.getByTestId('committee-member');
    await officers.filter({ hasText: '合成业主1' }).getByText('主任', { exact: true }).waitFor();
    await officers.filter({ hasText: '合成业主2' }).getByText('副主任', { exact: true }).waitFor();
    const state = await api.call('GET', `/estates/${estateId}/committee-formation`, {
      token: await api.token('majia-clerk'),
    });
    expect(state.body.stage).toBe('result_notice');
  });
});
