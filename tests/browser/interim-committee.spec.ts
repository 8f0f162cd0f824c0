import { createSyntheticEstate } from '../support/synthetic-estate';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { eventually } from '../support/stack';

/**
 * The 物管会 page in Debian's chromium against the real API and worker: an estate that does not meet the formation
 * conditions gets a 物管会 (seed 001 (二)), whose members the street office has named; the page shows the stage
 * and the members with their sides and the 主任.
 */
describe('工作台: 物管会 in a browser', () => {
  const stack = useBrowserStack({ worker: true });

  it('shows an ineligible estate’s 物管会 at its 资格联审 with the members the street office named (seed 001 (二))', async () => {
    const { estateId } = await createSyntheticEstate(stack.dataSource, 'ic-browser', 10);
    await stack.dataSource.query(`UPDATE units SET delivered = false WHERE estate_id = $1`, [estateId]);
    const clerkToken = await stack.api.token('majia-clerk');
    const started = await stack.api.call('POST', '/interim-committees', {
      token: clerkToken,
      body: { estateIds: [estateId] },
    });
    expect(started.status).toBe(201);
    const sides = ['community', 'street_office', 'owner', 'owner', 'owner', 'owner', 'owner'];
    const members = sides.map((side, i) => ({ name: `浏览器成员${i + 1}`, side, chair: i === 0 }));
    await eventually(async () => {
      const named = await stack.api.call('POST', `/estates/${estateId}/interim-committee/members`, {
        token: clerkToken,
        body: { members },
      });
      return named.status === 200 ? named : undefined;
    });

    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/estates/${estateId}/interim-committee`);
    await loginAs(clerk, 'majia-clerk');
    await clerk.getByRole('heading', { name: '临时物业管理委员会（物管会）' }).waitFor();
    await clerk.getByText('业主代表资格联审').waitFor();
    await clerk.getByRole('cell', { name: '浏览器成员1' }).waitFor();
    await clerk.getByRole('cell', { name: '主任' }).waitFor();
    await clerk.getByRole('cell', { name: '居（村）委会代表' }).waitFor();
    await screenshot(clerk, 'interim-committee-1-review');
  });
});
