import {
  allHandlersFinished,
  condition,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  OWNERS_VOTE_STAGES,
  closeVoteEarlyUpdate,
  ownersVoteStateQuery,
  ownersVoteWorkflowId,
  type OwnersVoteInput,
  type OwnersVoteResult,
  type OwnersVoteStage,
  type OwnersVoteState,
} from '../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES, procedureSearchAttributes, refusal } from '../libs/contracts/src/procedures';
import type { VoteCount } from '../libs/contracts/src/owners-vote';
import { chinaDate, earliestDayAfter, startOfChinaDay } from '../libs/domain/src/china-date';
import { matterOf, type MatterItem } from '../libs/domain/src/owners-decision';
import type { LocalityPolicy } from '../libs/domain/src/policy';
import { atStage, requireStage } from './support/guards';
import { ProcedureTracker } from './support/procedure-tracker';

const { createVoteRecord, setVoteStatus, tallyVote, checkVoteSettled, noticeAssemblyMeeting, reportAssemblyDecision } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/**
 * 业主共同决定: 投票通知公告 (for a meeting of the 业主大会) → voting window → tally → 结果公示 → result.
 * The roll is frozen when the vote is created; ballots are rows the API writes, counted by an activity
 * with the law-exact tally. Where the policy allows it, the organiser may close early once the outcome can no
 * longer change.
 */
export async function ownersVote(input: OwnersVoteInput): Promise<OwnersVoteResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'owners-vote',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['owners-vote']}`,
  });
  // A vote started before the flag existed has none, and could be closed early.
  const earlyCloseAllowed = input.policy.allowEarlyClose !== false;
  let stage: OwnersVoteStage = 'notice';
  let opensAt: Date | null = null;
  let closesAt: Date | null = null;
  let closedEarly = false;
  let count: VoteCount = { tally: null, election: null };

  const state = (): OwnersVoteState => ({
    stage,
    stageLabel: OWNERS_VOTE_STAGES[stage],
    opensAt: opensAt?.toISOString() ?? null,
    closesAt: closesAt?.toISOString() ?? null,
    closedEarly,
    ...count,
  });
  setHandler(ownersVoteStateQuery, state);
  setHandler(
    closeVoteEarlyUpdate,
    async ({ actor }) => {
      const outcome = await checkVoteSettled({ voteId: input.voteId, matter: input.matter });
      if (!outcome.settled) throw refusal('OUTCOME_NOT_SETTLED', '尚未投票的业主仍可能改变表决结果，不能提前结束投票');
      if (stage === 'voting') {
        closedEarly = true;
        await tracker.note(`表决结果已确定（${outcome.passed ? '通过' : '未通过'}），组织方提前结束投票`, { actor });
      }
      return state();
    },
    {
      validator: ({ actor }) => {
        if (!earlyCloseAllowed)
          throw refusal('EARLY_CLOSE_NOT_ALLOWED', '本地规定投票须进行至公告的截止时间，不能提前结束');
        requireStage(stage, 'voting', `${atStage(OWNERS_VOTE_STAGES[stage])}不能结束投票`);
        if (actor?.role !== 'street_office' || actor.organisationId !== input.organiserOrganisationId) {
          throw refusal('FORBIDDEN_ACTOR', '只有组织本次表决的街道（乡镇）可以提前结束投票');
        }
      },
    },
  );

  const now = new Date();
  opensAt = input.assemblyMeeting ? await meetingOpens(input.policy.meetingNoticePeriod, now, tracker) : now;
  closesAt = await tracker.deadline(input.policy.votingPeriod, opensAt);
  await createVoteRecord({
    voteId: input.voteId,
    workflowId: tracker.workflowId,
    estateId: input.estateId,
    organiserOrganisationId: input.organiserOrganisationId,
    matter: input.matter,
    matterItem: input.matterItem,
    question: input.question,
    scope: input.scope,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    allowRevote: input.policy.allowRevote,
    allowEarlyClose: earlyCloseAllowed,
    seats: input.election?.seats ?? null,
    // The procedure this vote decides for hears of a revocation (条例 art 19); an activity's input is not replayed.
    parentWorkflowId: workflowInfo().parent?.workflowId ?? null,
  });

  // 条例 arts 14 and 20 for a meeting of the 业主大会; a vote started before these notices went out sent none.
  const assemblyNotices = input.assemblyMeeting && patched('assembly-meeting-notices');
  if (assemblyNotices) await noticeAssemblyMeeting({ voteId: input.voteId, workflowId: tracker.workflowId });
  await tracker.enter('notice', OWNERS_VOTE_STAGES.notice, { dueAt: opensAt });
  await sleep(Math.max(0, opensAt.getTime() - Date.now()));

  stage = 'voting';
  await setVoteStatus({ voteId: input.voteId, status: 'open', at: new Date().toISOString() });
  await tracker.enter('voting', OWNERS_VOTE_STAGES.voting, { dueAt: closesAt });
  await condition(() => closedEarly, closesAt.getTime() - Date.now());

  stage = 'result_notice';
  await setVoteStatus({ voteId: input.voteId, status: 'closed', at: new Date().toISOString() });
  count = await tallyVote({ voteId: input.voteId, matter: input.matter });
  const countedAt = new Date().toISOString();
  if (assemblyNotices) await reportAssemblyDecision({ voteId: input.voteId, workflowId: tracker.workflowId });
  const noticeEnds = await tracker.deadline(input.policy.resultNoticePeriod);
  await tracker.enter('result_notice', OWNERS_VOTE_STAGES.result_notice, {
    dueAt: noticeEnds,
    note: describeCount(count),
  });
  await sleep(Math.max(0, noticeEnds.getTime() - Date.now()));

  stage = 'done';
  await setVoteStatus({ voteId: input.voteId, status: 'published', at: new Date().toISOString() });
  await condition(allHandlersFinished);
  await tracker.enter('done', OWNERS_VOTE_STAGES.done, { status: 'completed' });
  return { voteId: input.voteId, ...count, closedEarly, countedAt };
}

/**
 * When a meeting given notice at `noticeAt` opens: at the start of the day the notice days later (条例 art 14
 * "15日前", read by `earliestDayAfter`), or after the drill's seconds. A vote started before this reading
 * opened when the notice period ended, counted as a deadline (end of day, moved past a holiday).
 */
async function meetingOpens(
  notice: LocalityPolicy['ownersVote']['meetingNoticePeriod'],
  noticeAt: Date,
  tracker: ProcedureTracker,
) {
  if (notice.unit === 'seconds' || !patched('meeting-opens-on-day-of-notice-plus-n'))
    return tracker.deadline(notice, noticeAt);
  return startOfChinaDay(earliestDayAfter(chinaDate(noticeAt), notice.days));
}

/** The timeline's line for the count: figures and ids only, never names. */
function describeCount({ tally, election }: VoteCount): string {
  if (tally) {
    return `计票结果：参与 ${tally.participatingHeads}/${tally.totalHeads} 人、${tally.participatingArea}/${tally.totalArea} 平方米；${tally.passed ? '通过' : '未通过'}`;
  }
  const elected = (election ?? []).filter((c) => c.elected).length;
  return `选举计票完成：${election?.length ?? 0} 名候选人，当选 ${elected} 人`;
}

/**
 * Runs an owners' decision as a child procedure of the one that needs it, with the search attributes the
 * API gives a vote it starts itself. The vote's id is new unless given (an election whose candidates were
 * prepared under it); `onVoteId` hears it before the vote starts, for the parent's state query. No election
 * unless given. The caller names the art 278 item; its threshold class follows, unless the caller's policy
 * names another (a fund use under 165号令 art 22).
 */
export async function runOwnersVote(
  input: Omit<OwnersVoteInput, 'voteId' | 'election' | 'matter' | 'matterItem'> &
    Partial<Pick<OwnersVoteInput, 'voteId' | 'election' | 'matter'>> & { matterItem: MatterItem },
  onVoteId: (voteId: string) => void = () => {},
): Promise<OwnersVoteResult> {
  const voteId = input.voteId ?? uuid4();
  onVoteId(voteId);
  return executeChild(ownersVote, {
    workflowId: ownersVoteWorkflowId(voteId),
    args: [{ ...input, voteId, matter: input.matter ?? matterOf(input.matterItem), election: input.election ?? null }],
    typedSearchAttributes: procedureSearchAttributes(
      'owners-vote',
      { estateId: input.estateId, jurisdictionCode: input.jurisdictionCode },
      'notice',
    ),
  });
}
