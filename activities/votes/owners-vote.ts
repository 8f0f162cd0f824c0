import type { DataSource, EntityManager } from 'typeorm';
import type { VoteCount } from '../../libs/contracts/src/owners-vote';
import { chinaDate } from '../../libs/domain/src/china-date';
import {
  tallyElection,
  tallyOwnersDecision,
  voteSettled,
  type Ballot,
  type ElectionBallot,
  type Matter,
  type Tally,
  type UnitInScope,
} from '../../libs/domain/src/owners-decision';
import { enqueueNoticeToOwners, enqueueNotification } from '../../libs/persistence/src/notifications';
import { communityOfficeOfEstate } from '../../libs/persistence/src/registry';
import {
  freezeVoteRoll,
  insertVote,
  saveVoteResult,
  setVoteStatus,
  voteCountInputs,
  voteDetail,
  voteRollStats,
  type NewVote,
} from '../../libs/persistence/src/votes';

interface VoteHeading {
  estateId: string;
  estateName: string;
  question: string;
  opensAt: Date;
  closesAt: Date;
  result: Tally | unknown[] | null;
}

/** Tells the estate's 居（村）委会, once per `dedupKey`; false when none is registered in its community. */
async function tellCommunity(
  m: EntityManager,
  vote: VoteHeading,
  notice: { dedupKey: string; title: string; body: string },
  workflowId: string,
): Promise<boolean> {
  const community = await communityOfficeOfEstate(m, vote.estateId);
  if (!community) return false;
  await enqueueNotification(
    m,
    { ...notice, recipientRole: 'community', recipientOrganisationId: community },
    workflowId,
  );
  return true;
}

/** The decision in a line for owners and the 居委会: the outcome and figures, never names. */
function decisionLine(result: VoteHeading['result']): string {
  if (Array.isArray(result))
    return `选举计票完成，当选 ${result.filter((c) => (c as { elected: boolean }).elected).length} 人`;
  if (!result) return '尚未计票';
  return `${result.passed ? '通过' : '未通过'}（参与 ${result.participatingHeads}/${result.totalHeads} 人、${result.participatingArea}/${result.totalArea} 平方米）`;
}

/**
 * The vote's records. Ballots are rows written by the API, never workflow signals, so an estate of any
 * size keeps the workflow's history small; the workflow reads the count through these activities.
 */
export function createOwnersVoteActivities({ dataSource }: { dataSource: DataSource }) {
  async function load(voteId: string): Promise<{
    units: UnitInScope[];
    ballots: Array<Ballot & ElectionBallot>;
    election: { candidateIds: string[]; seats: number } | null;
  }> {
    const { units, ballots, vote } = await voteCountInputs(dataSource, voteId);
    const election =
      vote.kind === 'election' ? { candidateIds: vote.candidateIds as string[], seats: vote.seats as number } : null;
    return { units, ballots, election };
  }

  return {
    /** Creates the vote and freezes its roll (the units in scope and their voting subjects), once. */
    async createVoteRecord(
      input: NewVote & { matter: Matter },
    ): Promise<{ units: number; subjects: number; area: string }> {
      await dataSource.transaction(async (m) => {
        if (!(await insertVote(m, input))) return;
        await freezeVoteRoll(m, input.voteId, input.estateId, input.scope);
      });
      return voteRollStats(dataSource, input.voteId);
    },

    /**
     * 条例 art 14: a meeting of the 业主大会 is notified in writing to every owner on the roll and the 居委会 told,
     * before voting opens. Idempotent (one notice per owner and vote). Only ids cross the workflow's history.
     */
    async noticeAssemblyMeeting(input: {
      voteId: string;
      workflowId: string;
    }): Promise<{ owners: number; communityTold: boolean }> {
      return dataSource.transaction(async (m) => {
        const vote = (await voteDetail(m, input.voteId)) as unknown as VoteHeading;
        const title = `${vote.estateName} 业主大会会议通知`;
        const body = `表决事项：${vote.question}；投票时间 ${chinaDate(vote.opensAt)} 至 ${chinaDate(vote.closesAt)}（《物业管理条例》第十四条：会议召开15日前通知全体业主）`;
        const owners = await enqueueNoticeToOwners(
          m,
          { voteId: input.voteId },
          { dedupPrefix: `assembly-meeting:${input.voteId}`, title, body },
          input.workflowId,
        );
        const communityTold = await tellCommunity(
          m,
          vote,
          { dedupKey: `assembly-meeting:${input.voteId}:community`, title, body },
          input.workflowId,
        );
        return { owners, communityTold };
      });
    },

    /** 条例 art 20: the 业主大会's decision is reported to the 居委会 once counted. */
    async reportAssemblyDecision(input: { voteId: string; workflowId: string }): Promise<{ communityTold: boolean }> {
      return dataSource.transaction(async (m) => {
        const vote = (await voteDetail(m, input.voteId)) as unknown as VoteHeading;
        const communityTold = await tellCommunity(
          m,
          vote,
          {
            dedupKey: `assembly-decision:${input.voteId}:community`,
            title: `${vote.estateName} 业主大会决定告知`,
            body: `${vote.question}：${decisionLine(vote.result)}（《物业管理条例》第二十条）`,
          },
          input.workflowId,
        );
        return { communityTold };
      });
    },

    async setVoteStatus(input: { voteId: string; status: 'open' | 'closed' | 'published'; at: string }): Promise<void> {
      await setVoteStatus(dataSource, input.voteId, input.status, input.at);
    },

    async tallyVote(input: { voteId: string; matter: Matter }): Promise<VoteCount> {
      const { units, ballots, election } = await load(input.voteId);
      const count: VoteCount = election
        ? { tally: null, election: tallyElection({ units, ballots, ...election }) }
        : { tally: tallyOwnersDecision({ matter: input.matter, units, ballots }), election: null };
      await saveVoteResult(dataSource, input.voteId, count.tally ?? count.election);
      return count;
    },

    /** A question is settled when no way of voting by the rest can change it; an election when everyone has voted. */
    async checkVoteSettled(input: { voteId: string; matter: Matter }): Promise<{ settled: boolean; passed: boolean }> {
      const { units, ballots, election } = await load(input.voteId);
      return voteSettled({ matter: input.matter, units, ballots, election: election !== null });
    },
  };
}
