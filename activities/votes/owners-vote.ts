import type { DataSource } from 'typeorm';
import type { VoteCount } from '../../libs/contracts/src/owners-vote';
import {
  tallyElection,
  tallyOwnersDecision,
  voteSettled,
  type Ballot,
  type ElectionBallot,
  type Matter,
  type UnitInScope,
} from '../../libs/domain/src/owners-decision';
import {
  freezeVoteRoll,
  insertVote,
  saveVoteResult,
  setVoteStatus,
  voteCountInputs,
  voteRollStats,
  type NewVote,
} from '../../libs/persistence/src/votes';

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
        await freezeVoteRoll(m, input.voteId, input.estateId, input.scope.buildingIds);
      });
      return voteRollStats(dataSource, input.voteId);
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
