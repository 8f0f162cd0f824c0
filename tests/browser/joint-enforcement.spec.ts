import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { eventually } from '../support/stack';

/**
 * The 吹哨报到 page in Debian's chromium against the real API: the street office sees the month's 到位率, the
 * 联合执法 calendar and a whistle just blown with each department's 报到 as Steps; a called department sees the
 * whistle it must 报到 on.
 */
describe('工作台: 社区吹哨·部门报到 in a browser', () => {
  const stack = useBrowserStack({ worker: true });

  it('shows the figures, the calendar and a whistle with its departments', async () => {
    const clerkToken = await stack.api.token('majia-clerk');
    const [estate] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '锦绣花苑'`);
    const [police] = await stack.dataSource.query(`SELECT id FROM organisations WHERE name = '马甲派出所'`);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(
      await stack.api.call('POST', '/joint-enforcements/operations', {
        token: clerkToken,
        body: {
          kind: 'joint',
          streetCode: '350504102',
          heldOn: today,
          departmentIds: [police.id],
          estateIds: [estate.id],
        },
      }),
    ).toMatchObject({ status: 201 });
    const blown = await stack.api.call('POST', '/joint-enforcements', {
      token: clerkToken,
      body: {
        estateId: estate.id,
        matter: 'fire_lane_blocking',
        departmentKinds: ['fire_rescue', 'police'],
        location: '（浏览器测试）北门消防通道',
        evidence: '私家车长期占用消防通道',
      },
    });
    expect(blown.status).toBe(201);
    const { whistleId } = blown.body;
    const fire = await stack.api.token('luojiang-fire');
    await eventually(async () => {
      const answer = await stack.api.call('POST', `/joint-enforcements/${whistleId}/acknowledgement`, {
        token: fire,
        body: { note: '已派员' },
      });
      return answer.status === 200 ? answer : undefined;
    });

    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/joint-enforcements`);
    await loginAs(clerk, 'majia-clerk');
    await clerk.getByText('本辖区执法到位情况').waitFor();
    await clerk.getByText('执法到位率').waitFor();
    await clerk.getByText('联合执法与部门巡查月历').waitFor();
    await clerk.getByRole('cell', { name: today }).waitFor();
    const link = clerk.getByRole('link', { name: /北门消防通道/ });
    await link.waitFor();
    await link.locator('xpath=ancestor::tr').getByRole('button').first().click();
    await clerk.getByText('（合成）洛江区消防救援大队（消防救援）').waitFor();
    await clerk.getByText('马甲派出所（派出所）').waitFor();
    await clerk.getByText('待报到').waitFor();
    await screenshot(clerk, 'joint-enforcement-1-street-office');

    const department = await (await newContext(stack.browser)).newPage();
    await department.goto(`${stack.api.url}/console/joint-enforcements`);
    await loginAs(department, 'majia-police');
    await department.getByRole('link', { name: /北门消防通道/ }).waitFor();
    await screenshot(department, 'joint-enforcement-2-department');
  });

  it('blows a whistle from the estate page: a missing matter is refused beside its field, then the case opens', async () => {
    const [estate] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '马甲安置房小区'`);
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/estates/${estate.id}`);
    await loginAs(clerk, 'majia-village');
    await clerk.getByRole('heading', { name: '马甲安置房小区' }).waitFor();
    await clerk.getByRole('button', { name: /^吹\s?哨$/ }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByLabel('问题位置').fill('（浏览器测试）5号楼楼道');
    await dialog.getByLabel('问题情况').fill('楼道内电动车飞线充电');
    const submit = () =>
      dialog
        .getByRole('button', { name: '发 起' })
        .or(dialog.getByRole('button', { name: '发起' }))
        .click();
    await submit();
    await dialog.getByText('请选择执法事项').waitFor();
    await chooseOption(clerk, dialog.locator('#matter'), '电动车违规停放充电');
    await submit();
    await clerk.waitForURL(/\/console\/procedures\/joint-enforcement-/);
    await clerk.getByRole('navigation', { name: '阶段图' }).getByText('部门报到与处置').waitFor();
    await screenshot(clerk, 'joint-enforcement-3-blown-from-estate');
    const workflowId = decodeURIComponent(new URL(clerk.url()).pathname.split('/').pop()!);
    const [whistle] = await stack.dataSource.query(`SELECT matter, location FROM whistles WHERE workflow_id = $1`, [
      workflowId,
    ]);
    expect(whistle).toEqual({ matter: 'e_bike_charging', location: '（浏览器测试）5号楼楼道' });
  });
});
