import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';

/**
 * 首期交存 and the 年度对账单 in the 工作台 (165号令 arts 7, 13, 28): the bureau sees each unit's required,
 * deposited and owed first deposit on the estate page; the owner of room 1 opens their unit's statement for the
 * year on 我的维修资金. Deposits go through the API.
 */
describe('工作台: first deposits and a yearly statement in a browser', () => {
  let estateId: string;
  let voters: SyntheticVoter[];
  const prefix = `bdeposit${Date.now().toString(36)}`;

  const stack = useBrowserStack();

  beforeAll(async () => {
    ({ estateId, voters } = await createSyntheticEstate(stack.dataSource, prefix, 3));
    const [{ id }] = await stack.dataSource.query(`SELECT id FROM units WHERE estate_id = $1 AND room_no = '1'`, [
      estateId,
    ]);
    const bureau = await stack.api.token('luojiang-bureau');
    const base = `/estates/${estateId}/maintenance-fund`;
    const deposit = await stack.api.call('POST', `${base}/deposits`, {
      token: bureau,
      body: { unitId: id, amountFen: 600_000, receiptNo: `${prefix}-1` },
    });
    expect(deposit.status).toBe(200);
    expect(
      (await stack.api.call('POST', `${base}/yields`, { token: bureau, body: { period: '2026', amountFen: 1234 } }))
        .status,
    ).toBe(200);
  });

  it('shows the bureau what each unit owes, and the owner their own year', async () => {
    const office = await (await newContext(stack.browser)).newPage();
    await office.goto(`${stack.api.url}/console/estates/${estateId}`);
    await loginAs(office, 'luojiang-bureau');
    const card = office.locator('.ant-card', { hasText: '维修资金首期交存' });
    // Room 1 (61.01 m² at 100 元/m²) deposited 6,000.00 and owes 101.00; rooms 2 and 3 owe all of theirs.
    await card.getByText('3 套未交足', { exact: false }).waitFor();
    const room1 = card.locator('tr', { hasText: '61.01' });
    await room1.getByText('6,101.00').waitFor();
    await room1.getByText('101.00', { exact: true }).waitFor();
    await screenshot(office, 'fund-deposits-1-estate');

    const owner = await (await newContext(stack.browser)).newPage();
    await owner.goto(`${stack.api.url}/console/my/fund`);
    await loginAs(owner, voters[0].username);
    await owner.getByRole('button', { name: '年度对账单' }).click();
    const statement = owner.getByRole('dialog');
    await statement.getByText('首期交存（凭证').waitFor();
    await statement.getByText('2026 增值收益').waitFor();
    // The only account with a balance takes all of the yield: 6,000.00 + 12.34.
    await statement.getByText('6,012.34').first().waitFor();
    await screenshot(owner, 'fund-deposits-2-statement');
  });
});
