import { chinaDate } from '../../libs/domain/src/china-date';
import { periodOfMonth } from '../../libs/domain/src/public-income';
import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createEvaluationStreet, type EvaluationStreet } from '../support/evaluation-fixtures';

const PHONE = { width: 375, height: 812 };
/** A street of this file's own, with a firm serving its estates (tests/support/evaluation-fixtures.ts). */
const STREET = '350881018';

/**
 * 公共收益 in a browser: the firm registers a parking resource, enters a month's income, is refused an allocation
 * over the net (the reason beside the amount), allocates part of it and posts the period's 公示; an owner sees
 * the 公示 on a phone and asks about it, the estate's public 公示栏 shows it too, and the community flags the estate a
 * 业账社审 pilot.
 */
describe('工作台: 公共收益 in a browser', () => {
  const stack = useBrowserStack();
  let street: EvaluationStreet;
  const period = periodOfMonth(chinaDate(new Date()).slice(0, 7), 'quarterly');

  beforeAll(async () => {
    street = await createEvaluationStreet(stack.dataSource, { prefix: 'bpi', label: '浏览器公共收益', code: STREET });
  });

  // One scenario: the 公示 the owner reads is the one the firm posted.
  it('takes the firm’s income and allocation, refuses one over the net, and shows the 公示 to an owner’s phone', async () => {
    const { api } = stack;
    const estateId = street.estates.good;
    const firm = await (await newContext(stack.browser)).newPage();
    await firm.goto(`${api.url}/console/public-income?estateId=${estateId}`);
    await loginAs(firm, 'bpi-firm');
    await firm.getByRole('heading', { name: '公共收益' }).waitFor();

    const resource = firm.getByRole('form', { name: '登记公共资源' });
    await resource.getByLabel('资源说明').fill('地面临时停车位 40 个');
    await resource.getByLabel('合同编号').fill('HT-2026-017');
    await resource.getByRole('button', { name: '登记资源' }).click();
    await firm.getByRole('cell', { name: '地面临时停车位 40 个' }).waitFor();

    const entry = firm.getByRole('form', { name: '登记收支' });
    await entry.getByLabel('金额').fill('4800');
    await entry.getByLabel('摘要').fill('停车费');
    await entry.getByRole('button', { name: '登记收支' }).click();
    await firm.getByRole('row').filter({ hasText: period }).getByText('4,800.00').first().waitFor();

    // More than the net: refused, the reason beside the amount; what was typed stays.
    const allocation = firm.getByRole('form', { name: '登记分配（按业主大会决定）' });
    await chooseOption(firm, allocation.getByRole('combobox', { name: '用途' }), '业委会工作经费');
    await allocation.getByLabel('金额').fill('5000');
    await allocation.getByRole('button', { name: '登记分配' }).click();
    await allocation
      .locator('.ant-form-item', { hasText: '金额' })
      .locator('.ant-form-item-explain-error', { hasText: '分配超出可分配的公共收益' })
      .waitFor();
    await allocation.getByLabel('金额').fill('1000');
    await allocation.getByRole('button', { name: '登记分配' }).click();
    await firm.getByText('已登记分配').waitFor();

    const disclosure = firm.getByRole('form', { name: '公示' });
    await disclosure.getByRole('button', { name: '在公示栏公示' }).click();
    await firm.getByText(`${period} 的收支与分配已在公示栏公示`).waitFor();
    await screenshot(firm, 'public-income-1-firm');

    // An owner of the estate, on a phone.
    const owner = await (await newContext(stack.browser, PHONE)).newPage();
    await owner.goto(`${api.url}/console/my/public-income`);
    await loginAs(owner, street.voters.good[0].username);
    const card = owner.getByTestId('income-disclosure').filter({ hasText: `${period} 公共收益公示` });
    await card.getByText('4,800.00 元').first().waitFor();
    await card.getByText('1,000.00 元').waitFor();
    const ask = owner.getByRole('form', { name: '向物业服务企业提问' });
    await ask.getByLabel('问题').fill('停车费收入按多少个车位计算？');
    await ask.getByRole('button', { name: '提交问题' }).click();
    await owner.getByText('停车费收入按多少个车位计算？').waitFor();
    await screenshot(owner, 'public-income-2-owner-phone');

    // The estate's public 公示栏 (no login) shows the period and counts the question.
    const visitor = await (await newContext(stack.browser, PHONE)).newPage();
    await visitor.goto(`${api.url}/console/notice-board/${estateId}`);
    const section = visitor.getByRole('region', { name: '公共收益' });
    // Income 4,800.00 and no cost: a net of as much.
    await section.getByRole('row').filter({ hasText: period }).getByText('4,800.00').first().waitFor();
    await section.getByText(/待答复\s*1\s*件/).waitFor();

    // The firm answers; the owner reads the answer.
    await firm.reload();
    const questionRow = firm.getByRole('row').filter({ hasText: '停车费收入按多少个车位计算？' });
    await questionRow.getByRole('textbox', { name: /答复/ }).fill('按合同约定的 40 个地面临时停车位计算');
    await questionRow.getByRole('button', { name: /^答\s*复$/ }).click();
    await firm.getByRole('cell', { name: '按合同约定的 40 个地面临时停车位计算' }).waitFor();
    await owner.reload();
    await owner.getByText(/答复：按合同约定的 40 个地面临时停车位计算/).waitFor();

    // The community flags the estate a 业账社审 pilot; the county's figures count it.
    const community = await (await newContext(stack.browser)).newPage();
    await community.goto(`${api.url}/console/public-income?estateId=${estateId}`);
    await loginAs(community, 'bpi-community');
    await community.getByRole('switch', { name: '业账社审试点' }).click();
    await community.getByRole('switch', { name: '业账社审试点', checked: true }).waitFor();
    await community.reload();
    const county = community.getByRole('table', { name: '业账社审与季度检查' }).getByRole('row', { name: /漳平市/ });
    await county.getByText(/^1 个/).waitFor();
    await screenshot(community, 'public-income-3-community');
  });
});
