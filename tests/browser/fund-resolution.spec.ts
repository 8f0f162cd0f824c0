import type { Locator, Page } from 'playwright-core';
import { createDrillEstate, type FundCommitteeMember } from '../support/fund';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { eventually } from '../support/stack';
import type { SyntheticVoter } from '../support/synthetic-estate';

/**
 * The 业委会决议 on a maintenance fund use after the fund is transferred to the 业主大会 (165号令 art 23;
 * 指导规则, rules.md §1 row 9: a decision of the 业委会 needs more than half of ALL its members): members of the
 * 业委会 in office, each with their own owner login, vote on the application page; the card shows the tally
 * against all five members and the outcome. The owners' vote before it goes through the API.
 */
describe('工作台: a 业委会决议 on a maintenance fund use in a browser', () => {
  let estateId: string;
  let voters: SyntheticVoter[];
  let members: FundCommitteeMember[];
  const prefix = `bfund${Date.now().toString(36)}`;

  const stack = useBrowserStack({ worker: true });

  beforeAll(async () => {
    ({ estateId, voters, members } = await createDrillEstate(stack.dataSource, prefix, 6, { ownersAssembly: true }));
  });

  /** The application past its 公示 and owners' vote (every owner yes, through the API), at the 业委会决议. */
  const toResolution = async (): Promise<string> => {
    const [firm, clerk] = await Promise.all([stack.api.token('firm-a'), stack.api.token('majia-clerk')]);
    const started = await stack.api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
      token: firm,
      body: { kind: 'normal', project: `2号楼外墙渗漏维修（浏览器测试 ${prefix}）`, budgetFen: 8_000_00 },
    });
    expect(started.status).toBe(201);
    const applicationId: string = started.body.applicationId;
    const url = `/estates/${estateId}/maintenance-fund/applications/${applicationId}`;
    const state = async () => (await stack.api.call('GET', url, { token: firm })).body;
    const voteId: string = await eventually(async () => (await state())?.voteId ?? undefined, 30_000);
    await eventually(
      async () =>
        (await stack.api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
      30_000,
    );
    for (const voter of voters) {
      const ballot = { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo };
      const cast = await stack.api.call('POST', `/votes/${voteId}/ballots`, {
        token: await stack.api.token(voter.username),
        body: ballot,
      });
      expect(cast.status).toBe(201);
    }
    expect((await stack.api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
    await eventually(async () => {
      const current = await state();
      return current?.stage === 'approval' && current.resolution ? true : undefined;
    }, 60_000);
    return applicationId;
  };

  /** A member signs in with their owner login on the application page and votes `choice` on the card. */
  const memberVotes = async (page: Page, member: FundCommitteeMember, choice: '同意' | '反对' | '弃权') => {
    await loginAs(page, member.username);
    const card = page.locator('.ant-card', { hasText: '业委会决议' });
    await card.getByText(/（本人）/).waitFor();
    // antd spaces a two-character label ("同 意").
    const label = new RegExp(`^${[...choice].join('\\s?')}$`);
    await card.getByRole('group', { name: '委员表决' }).getByRole('button', { name: label }).click();
    await page.getByText(`已表决：${choice}`).waitFor();
    // The message comes before the card reloads: the member's own row shows the vote once it has.
    await card.locator('tr', { hasText: '（本人）' }).getByText(choice, { exact: true }).waitFor();
    return card;
  };

  it('members vote with their owner logins; the card counts against all five members and shows the outcome', async () => {
    const applicationId = await toResolution();
    const pageUrl = `${stack.api.url}/console/estates/${estateId}/fund-applications/${applicationId}`;
    const tallies: string[] = [];
    let card: Locator | undefined;
    for (const [i, choice] of (['同意', '反对', '同意', '同意'] as const).entries()) {
      const page = await (await newContext(stack.browser)).newPage();
      await page.goto(pageUrl);
      card = await memberVotes(page, members[i], choice);
      const tally = card!.getByText(/^同意 \d+ \/ 反对 \d+ \/ 弃权 \d+，全体委员 5 人/);
      await tally.waitFor();
      tallies.push((await tally.textContent())!.split('，')[0]);
      // Voted once: the buttons are gone for this member.
      expect(await card!.getByRole('group', { name: '委员表决' }).count()).toBe(0);
      if (i < 3) await page.context().close();
    }
    // 2 for of 3 votes is a majority of the votes cast, not of all five members: still pending until the third.
    expect(tallies).toEqual([
      '同意 1 / 反对 0 / 弃权 0',
      '同意 1 / 反对 1 / 弃权 0',
      '同意 2 / 反对 1 / 弃权 0',
      '同意 3 / 反对 1 / 弃权 0',
    ]);
    await card!.locator('.ant-tag', { hasText: '已通过' }).waitFor();

    // The street office sees the same card, with the outcome, and no vote buttons (it is no member).
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(pageUrl);
    await loginAs(clerk, 'majia-clerk');
    const officeCard = clerk.locator('.ant-card', { hasText: '业委会决议' });
    await officeCard.locator('.ant-tag', { hasText: '已通过' }).waitFor();
    await officeCard.getByText('同意 3 / 反对 1 / 弃权 0，全体委员 5 人').waitFor();
    expect(await officeCard.getByRole('group', { name: '委员表决' }).count()).toBe(0);
    await screenshot(clerk, 'fund-resolution');
  });
});
