import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createSyntheticEstate, giveOwnersAssembly, type SyntheticVoter } from '../support/synthetic-estate';

const PHONE = { width: 375, height: 812 };

/**
 * 条例第十三条 on an owner's phone: raising a proposal to convene a 临时会议 (a refused question shown beside its
 * field), others signing it, and the share met in heads and area; each voting subject signs once.
 */
describe('工作台: an owners’ requisition of a 临时会议 in a browser', () => {
  let estateId: string;
  let voters: SyntheticVoter[];
  const prefix = `breq${Date.now().toString(36)}`;
  const question = `是否同意解聘现物业服务企业（浏览器测试 ${prefix}）`;

  const stack = useBrowserStack();

  beforeAll(async () => {
    ({ estateId, voters } = await createSyntheticEstate(stack.dataSource, prefix, 10));
    await giveOwnersAssembly(stack.dataSource, estateId);
  });

  it('raises a proposal, counts the signatures in heads and area, and lets each owner sign once', async () => {
    const [first, second, ...others] = voters;
    const owner = await (await newContext(stack.browser, PHONE)).newPage();
    await owner.goto(`${stack.api.url}/console/`);
    await loginAs(owner, first.username);
    await owner.getByRole('link', { name: '提议召开业主大会临时会议 →' }).click();
    await owner.getByRole('heading', { name: '提议召开临时会议' }).waitFor();
    await owner.getByText('本小区目前没有临时会议提议。').waitFor();

    await owner.getByRole('button', { name: '发起新的提议' }).click();
    await owner.getByRole('combobox').click();
    await owner.getByText('（4）选聘和解聘物业服务企业或者其他管理人').click();
    await owner.getByRole('textbox').fill('解聘');
    await owner.getByRole('button', { name: /^发\s*起$/ }).click();
    await owner.locator('.ant-form-item', { hasText: '表决的问题' }).locator('.ant-form-item-explain-error').waitFor();
    await owner.getByRole('textbox').fill(question);
    await owner.getByRole('button', { name: /^发\s*起$/ }).click();
    const card = owner.getByTestId('requisition').filter({ hasText: question });
    await card.getByText('我已提议').waitFor();
    expect(await card.getByRole('button', { name: '已联名提议' }).isDisabled()).toBe(true);
    await card.getByText('征集中').waitFor();

    // A second owner signs from their phone; the rest through the API until the share is met.
    const neighbour = await (await newContext(stack.browser, PHONE)).newPage();
    await neighbour.goto(`${stack.api.url}/console/my/requisitions`);
    await loginAs(neighbour, second.username);
    const theirs = neighbour.getByTestId('requisition').filter({ hasText: question });
    await theirs.getByText(/^人数：1 \/ \d+ 人$/).waitFor();
    await theirs.getByRole('button', { name: '联名提议' }).click();
    await theirs.getByText('我已提议').waitFor();
    await theirs.getByText(/^人数：2 \/ \d+ 人$/).waitFor();
    await screenshot(neighbour, 'requisition-1-signed');

    const id: string = (
      await stack.api.call('GET', `/estates/${estateId}/meeting-requisitions`, {
        token: await stack.api.token(first.username),
      })
    ).body.items[0].id;
    for (let i = 0, met = false; !met; i += 1) {
      const signed = await stack.api.call('POST', `/meeting-requisitions/${id}/signatures`, {
        token: await stack.api.token(others[i].username),
      });
      expect(signed.status).toBe(201);
      met = signed.body.met;
    }
    await owner.reload();
    await card.getByText('已达到规定比例').waitFor();
    await card.getByText(/^\d{4}年.* 达到规定比例$/).waitFor();
    await screenshot(owner, 'requisition-2-met');
  });
});
