import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * 小区党组织 (issue #20, counted in 小区党组织覆盖率): the 村委会 records its estate's party organisation on the
 * estate page; an establishment date after today is refused beside the date, then a past one is recorded and
 * shown, and the form offers the record for correction.
 */
describe('工作台: an estate’s party organisation recorded in a browser', () => {
  let estateId: string;
  const prefix = `bparty${Date.now().toString(36)}`;

  const stack = useBrowserStack();

  beforeAll(async () => {
    ({ estateId } = await createSyntheticEstate(stack.dataSource, prefix, 10));
  });

  it('refuses a future establishment date beside the field, records a past one and shows it', async () => {
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/estates/${estateId}`);
    await loginAs(page, 'majia-village');
    const shown = page.locator('.ant-descriptions-item', { hasText: '小区党组织' });
    await shown.getByText('未登记').waitFor();

    const form = page.getByRole('form', { name: '登记小区党组织' });
    await chooseOption(page, form.getByLabel('党组织类型'), '小区党支部');
    const name = `（合成）${prefix}小区党支部`;
    await form.getByLabel('党组织名称').fill(name);
    const date = form.getByLabel('成立日期');
    await date.click();
    await date.fill('2099-01-01');
    await date.press('Tab'); // Enter in the picker would submit the form before the button is clicked
    await form.getByRole('button', { name: '保存登记' }).click();
    // ESTABLISHED_IN_FUTURE names establishedOn in its problems: the reason stands beside the date.
    await form
      .locator('.ant-form-item', { hasText: '成立日期' })
      .locator('.ant-form-item-explain-error', { hasText: '成立日期不能晚于今天' })
      .waitFor();
    await page.getByRole('alert').getByText('有 1 处填写不合格').waitFor();
    await shown.getByText('未登记').waitFor();
    await screenshot(page, 'party-organisation-1-refused');

    await date.click();
    await date.fill('2024-11-20');
    await date.press('Tab');
    await form.getByRole('button', { name: '保存登记' }).click();
    await shown.getByText(`${name}（小区党支部，2024年11月20日成立）`).waitFor();
    // The saved record fills the form for a correction.
    const correction = page.getByRole('form', { name: '更正小区党组织' });
    expect(await correction.getByLabel('党组织名称').inputValue()).toBe(name);
    await screenshot(page, 'party-organisation-2-recorded');

    const office = await stack.api.call('GET', `/estates/${estateId}`, { token: await stack.api.token('majia-clerk') });
    expect(office.body.partyOrganisation).toEqual({
      kind: 'branch',
      kindLabel: '小区党支部',
      name,
      establishedOn: '2024-11-20',
    });
  });
});
