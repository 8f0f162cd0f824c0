import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_FIRM_EXIT_POLICY } from '../../libs/domain/src/firm-exit';
import type { PolicyOverride } from '../../libs/domain/src/policy';
import { createEvaluationStreet, type EvaluationStreet } from '../support/evaluation-fixtures';
import { acceptAll, EXIT_HANDOVER_LIST, failSixMonths, ownersDismissFirm } from '../support/firm-exit-fixtures';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';
import { serveFundCommittee, type FundCommitteeMember } from '../support/fund';

/** A street of 漳平市 of this file's own; its policy makes the 清退's notice and the vote's result notice seconds. */
const STREET = '350881004';
/** A street of its own with no street office registered, and its community. */
const OFFICELESS_STREET = '350881003';
const POLICY: PolicyOverride = {
  ownersVote: { resultNoticePeriod: { seconds: 2, unit: 'seconds' } },
  evaluation: { firmExit: { ...DEFAULT_FIRM_EXIT_POLICY, noticePeriod: { seconds: 2, unit: 'seconds' } } },
};

interface Task {
  id: string;
  workflowId: string;
  updateName: string | null;
}

/** 清退 through HTTP with a real worker: warrant, owners' 解聘 vote, exit handover to a successor. */
describe('清退 through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let street: EvaluationStreet;
  let successorId: string;
  let firmlessEstateId: string;
  let officelessEstateId: string;
  let committeeEstate: { estateId: string; voters: SyntheticVoter[]; members: FundCommitteeMember[] };
  let revokedEstate: { estateId: string; voters: SyntheticVoter[] };
  let tokens: Record<'street' | 'firm' | 'successor' | 'otherStreet' | 'admin', string>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    street = await createEvaluationStreet(dataSource, { prefix: 'exit', label: '清退', code: STREET });
    await dataSource.query(`UPDATE jurisdictions SET policy_override = $2 WHERE code = $1`, [
      STREET,
      JSON.stringify(POLICY),
    ]);
    [{ id: successorId }] = await dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic)
       VALUES ('property_firm', '（合成）清退接管物业有限公司', '350881', true) RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       VALUES ('exit-successor', '（合成）接管企业经办人', 'property_firm', $1, '350881', true)`,
      [successorId],
    );
    await failSixMonths(dataSource, street, 'exit-community');
    ({ estateId: firmlessEstateId } = await createSyntheticEstate(
      dataSource,
      'exit-firmless',
      10,
      street.communityCode,
    ));
    await dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES
         ($1::varchar, '（合成）无街道办街道', 'street', '350881', '/35/350800/350881/' || $1::text || '/'),
         ($1::text || '001', '（合成）无街道办社区', 'community', $1::varchar, '/35/350800/350881/' || $1::text || '/' || $1::text || '001/')`,
      [OFFICELESS_STREET],
    );
    ({ estateId: officelessEstateId } = await createSyntheticEstate(
      dataSource,
      'exit-officeless',
      10,
      `${OFFICELESS_STREET}001`,
    ));
    await dataSource.query(`UPDATE estates SET property_firm_id = $1 WHERE id = $2`, [
      street.firmId,
      officelessEstateId,
    ]);
    // An estate of the firm with a 业委会 in office: it receives the handover when no successor is named.
    const withCommittee = await createSyntheticEstate(dataSource, 'exit-committee', 10, street.communityCode);
    await dataSource.query(`UPDATE estates SET property_firm_id = $1 WHERE id = $2`, [
      street.firmId,
      withCommittee.estateId,
    ]);
    const { members } = await serveFundCommittee(dataSource, withCommittee.estateId);
    committeeEstate = { ...withCommittee, members };
    revokedEstate = await createSyntheticEstate(dataSource, 'exit-revoked', 10, street.communityCode);
    await dataSource.query(`UPDATE estates SET property_firm_id = $1 WHERE id = $2`, [
      street.firmId,
      revokedEstate.estateId,
    ]);
    worker = await startWorker(dataSource);
    api = await startApi();
    tokens = {
      street: await api.token('exit-street'),
      firm: await api.token('exit-firm'),
      successor: await api.token('exit-successor'),
      otherStreet: await api.token('meiling-clerk'),
      admin: await api.token('admin'),
    };
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const post = (path: string, token: string, body: object = {}) => api.call('POST', path, { token, body });
  const get = (path: string, token: string) => api.call('GET', path, { token });
  const exitOf = (exitId: string) => get(`/firm-exits/${exitId}`, tokens.street);
  const taskOf = (token: string, workflowId: string, updateName: string) =>
    eventually(async () => {
      const { body } = await get('/tasks/mine?pageSize=200', token);
      return (body.items as Task[]).find((t) => t.workflowId === workflowId && t.updateName === updateName);
    });
  const ownersDismiss = (exitId: string, voters: SyntheticVoter[]) =>
    ownersDismissFirm(api, tokens.street, exitId, voters);
  const completed = (exitId: string) =>
    eventually(async () => {
      const { body } = await exitOf(exitId);
      return body.outcome === 'completed' ? body : undefined;
    }, 30_000);

  it('refuses a firm starting a 清退 (403), one not warranted, of no firm, street office or fit successor (422)', async () => {
    const event = { seriousEvent: '电梯困人致伤且拒不整改' };
    expect(await post(`/estates/${street.estates.poor}/firm-exits`, tokens.firm)).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });
    expect(await post(`/estates/${street.estates.good}/firm-exits`, tokens.street)).toMatchObject({
      status: 422,
      body: {
        code: 'EXIT_NOT_WARRANTED',
        message:
          '不能启动清退：该企业在本小区精细化考评连续不达标 0 个月，未达到启动清退的 6 个月，也未说明发生严重事件',
      },
    });
    expect(await post(`/estates/${firmlessEstateId}/firm-exits`, tokens.street, event)).toMatchObject({
      status: 422,
      body: { code: 'NO_PROPERTY_FIRM' },
    });
    expect(await post(`/estates/${officelessEstateId}/firm-exits`, tokens.admin, event)).toMatchObject({
      status: 422,
      body: { code: 'NO_STREET_OFFICE' },
    });
    expect(
      await post(`/estates/${street.estates.good}/firm-exits`, tokens.street, {
        ...event,
        successorOrganisationId: street.firmId,
      }),
    ).toMatchObject({ status: 422, body: { code: 'SUCCESSOR_INVALID' } });
    expect(
      await post(`/estates/${street.estates.good}/firm-exits`, tokens.street, {
        ...event,
        evidenceDocumentId: randomUUID(),
      }),
    ).toMatchObject({ status: 422, body: { code: 'DOCUMENT_MISMATCH' } });
    expect(await post(`/estates/${street.estates.good}/firm-exits`, tokens.otherStreet)).toMatchObject({
      status: 404,
    });
  });

  // One scenario in order: the vote, the handover and the registry's change build on the 清退 started first.
  it('six failed months: notice, the owners vote 解聘, the firm hands over, the successor confirms; the estate changes firm', async () => {
    const started = await post(`/estates/${street.estates.poor}/firm-exits`, tokens.street, {
      successorOrganisationId: successorId,
    });
    expect(started).toMatchObject({ status: 201 });
    const { exitId, workflowId } = started.body;
    expect(await post(`/estates/${street.estates.poor}/firm-exits`, tokens.street)).toMatchObject({
      status: 409,
      body: { code: 'PROCEDURE_ALREADY_RUNNING' },
    });
    expect((await exitOf(exitId)).body).toMatchObject({ ground: 'failed_months', failedMonths: 6, outcome: null });
    // The list: the offices of the jurisdiction and the successor find it, another street does not.
    const listed = await get('/firm-exits?status=running&sort=dueAt&order=asc', tokens.street);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: exitId, stage: 'notice', stageLabel: '告知' }] });
    expect(listed.body.items[0]).not.toHaveProperty('jurisdictionPath');
    expect((await get('/firm-exits', tokens.successor)).body.items.map((x: { id: string }) => x.id)).toEqual([exitId]);
    expect((await get('/firm-exits', tokens.otherStreet)).body.total).toBe(0);
    expect((await get('/firm-exits?stage=nowhere', tokens.street)).status).toBe(400);
    expect(await get(`/firm-exits/${exitId}`, tokens.otherStreet)).toMatchObject({
      status: 404,
      body: { code: 'FIRM_EXIT_NOT_FOUND' },
    });

    // The gate's 公示栏 posts it: the firm and its ground in figures.
    const board = await eventually(async () => {
      const { body } = await api.call('GET', `/notice-board/${street.estates.poor}`);
      return body.firmExits?.length ? body : undefined;
    });
    expect(board.firmExits).toEqual([
      expect.objectContaining({ firmName: '（合成）清退物业有限公司', ground: 'failed_months', failedMonths: 6 }),
    ]);

    await ownersDismiss(exitId, street.voters.poor);
    await taskOf(tokens.firm, workflowId, 'submitExitHandoverList');
    const list = `/firm-exits/${exitId}/handover-list`;
    expect(await post(list, tokens.successor, { items: EXIT_HANDOVER_LIST })).toMatchObject({ status: 403 });
    expect(await post(list, tokens.firm, { items: EXIT_HANDOVER_LIST.slice(1) })).toMatchObject({
      status: 422,
      body: { code: 'INVALID_PAYLOAD', problems: ['移交清单须包括物业服务所必需的相关资料'] },
    });
    expect(await post(list, tokens.firm, { items: EXIT_HANDOVER_LIST })).toMatchObject({
      status: 200,
      body: { round: 1, items: [{ itemNo: 1, kind: 'documents' }, { amountFen: 8_650_00 }, {}, {}] },
    });

    // The successor confirms from its inbox, every item.
    const task = await taskOf(tokens.successor, workflowId, 'confirmExitHandover');
    expect(
      await post(`/firm-exits/${exitId}/handover-confirmation`, tokens.street, { decisions: acceptAll(4) }),
    ).toMatchObject({ status: 403 });
    expect(
      await post(`/tasks/${task.id}/complete`, tokens.successor, { payload: { decisions: acceptAll(4) } }),
    ).toMatchObject({ status: 200 });

    const done = await completed(exitId);
    expect(done).toMatchObject({ votePassed: true, successorId, state: null });
    expect(done.stages.map((x: { label: string; state: string }) => `${x.label}:${x.state}`)).toEqual([
      '告知:done',
      '业主表决:done',
      '退出交接:done',
      '已完成:done',
    ]);
    const [estate] = await dataSource.query(`SELECT property_firm_id AS firm FROM estates WHERE id = $1`, [
      street.estates.poor,
    ]);
    expect(estate.firm).toBe(successorId);
    const file = await get(`/credit/firms/${street.firmId}`, tokens.street);
    // The 清退 itself, once (the firm's other estate's 清退 may have its own entry).
    expect(file.body.entries.filter((e: { sourceWorkflowId: string }) => e.sourceWorkflowId === workflowId)).toEqual([
      expect.objectContaining({ points: -10, source: 'firm_exit' }),
    ]);
  });
  it('a serious event, no successor: the 业委会 receives — a member returns an item, the firm lists again, a member confirms', async () => {
    const { estateId, voters, members } = committeeEstate;
    const started = await post(`/estates/${estateId}/firm-exits`, tokens.street, {
      seriousEvent: '消防通道长期堵塞，发生火情后仍拒不整改',
    });
    expect(started).toMatchObject({ status: 201 });
    const { exitId } = started.body;
    await ownersDismiss(exitId, voters);
    const list = `/firm-exits/${exitId}/handover-list`;
    const confirmation = `/firm-exits/${exitId}/handover-confirmation`;
    expect(await post(list, tokens.firm, { items: EXIT_HANDOVER_LIST })).toMatchObject({ status: 200 });
    const awaitingConfirmation = () =>
      eventually(async () => ((await exitOf(exitId)).body.state?.awaiting === 'confirmation' ? true : undefined));
    await awaitingConfirmation();

    const member = await api.token(members[0].username);
    const outsider = voters.find((v) => !members.some((m) => m.username === v.username))!;
    expect(await get(`/firm-exits/${exitId}`, await api.token(outsider.username))).toMatchObject({ status: 404 });
    expect(await get(`/firm-exits/${exitId}`, member)).toMatchObject({
      status: 200,
      body: { ground: 'serious_event' },
    });
    expect(await post(confirmation, tokens.street, { decisions: acceptAll(4) })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ACTOR' },
    });
    const returned = [...acceptAll(3), { itemNo: 4, accepted: false, reason: '物业服务用房未腾空' }];
    expect(await post(confirmation, member, { decisions: returned })).toMatchObject({ status: 200 });
    await eventually(async () => ((await exitOf(exitId)).body.state?.awaiting === 'list' ? true : undefined));
    expect(await post(list, tokens.firm, { items: EXIT_HANDOVER_LIST })).toMatchObject({
      status: 200,
      body: { round: 2 },
    });
    await awaitingConfirmation();
    expect(await post(confirmation, await api.token(members[1].username), { decisions: acceptAll(4) })).toMatchObject({
      status: 200,
    });
    expect(await completed(exitId)).toMatchObject({ successorId: null, votePassed: true });
    const [estate] = await dataSource.query(`SELECT property_firm_id AS firm FROM estates WHERE id = $1`, [estateId]);
    expect(estate.firm).toBeNull();
  });
  it('the street office revokes the 解聘 decision (条例第十九条): the handover stops and the firm stays', async () => {
    const { estateId, voters } = revokedEstate;
    const started = await post(`/estates/${estateId}/firm-exits`, tokens.street, {
      seriousEvent: '擅自停止供水三日且拒不整改',
    });
    const { exitId } = started.body;
    await ownersDismiss(exitId, voters);
    const { voteId } = (await exitOf(exitId)).body.state;
    const revocation = { kind: 'revocation', reason: '表决前未依法公告，决定违反规定' };
    expect(await post(`/votes/${voteId}/interventions`, tokens.street, revocation)).toMatchObject({
      status: 201,
      body: { procedureTold: true },
    });
    const ended = await eventually(async () => {
      const { body } = await exitOf(exitId);
      return body.outcome === 'revoked' ? body : undefined;
    }, 30_000);
    expect(ended).toMatchObject({ votePassed: true, state: null });
    // The ended procedure takes no step (程序不存在或已结束).
    expect(await post(`/firm-exits/${exitId}/handover-list`, tokens.firm, { items: EXIT_HANDOVER_LIST })).toMatchObject(
      {
        status: 404,
        body: { code: 'PROCEDURE_NOT_FOUND' },
      },
    );
    const [estate] = await dataSource.query(`SELECT property_firm_id AS firm FROM estates WHERE id = $1`, [estateId]);
    expect(estate.firm).toBe(street.firmId);
  });
});
