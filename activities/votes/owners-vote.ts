import type { DataSource } from 'typeorm';
import type { VoteCount, VoteScope } from '../../libs/contracts/src/owners-vote';
import {
  outcomeSettled,
  tallyElection,
  tallyOwnersDecision,
  type Ballot,
  type ElectionBallot,
  type Matter,
  type UnitInScope,
} from '../../libs/domain/src/owners-decision';

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
    const [units, ballots, [vote]] = await Promise.all([
      dataSource.query(
        `SELECT unit_id AS "unitId", area::text AS area, subject_id AS "subjectId" FROM vote_roll WHERE vote_id = $1`,
        [voteId],
      ),
      dataSource.query(
        `SELECT subject_id AS "subjectId", choice, coalesce(candidate_ids, '{}')::text[] AS "candidateIds" FROM ballots WHERE vote_id = $1`,
        [voteId],
      ),
      dataSource.query(
        `SELECT v.kind, v.seats, array(SELECT candidate_id::text FROM vote_candidates c WHERE c.vote_id = v.id ORDER BY ordinal) AS "candidateIds"
           FROM votes v WHERE v.id = $1`,
        [voteId],
      ),
    ]);
    const election =
      vote.kind === 'election' ? { candidateIds: vote.candidateIds as string[], seats: vote.seats as number } : null;
    return { units, ballots, election };
  }

  return {
    /** Creates the vote and freezes its roll (the units in scope and their voting subjects), once. */
    async createVoteRecord(input: {
      voteId: string;
      workflowId: string;
      estateId: string;
      matter: Matter;
      question: string;
      scope: VoteScope;
      opensAt: string;
      closesAt: string;
      allowRevote: boolean;
      seats: number | null;
    }): Promise<{ units: number; subjects: number; area: string }> {
      await dataSource.transaction(async (m) => {
        const created: unknown[] = await m.query(
          `INSERT INTO votes (id, workflow_id, estate_id, matter, question, scope, status, allow_revote, opens_at, closes_at, kind, seats)
           VALUES ($1, $2, $3, $4, $5, $6, 'notice', $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            input.voteId,
            input.workflowId,
            input.estateId,
            input.matter,
            input.question,
            JSON.stringify(input.scope),
            input.allowRevote,
            input.opensAt,
            input.closesAt,
            input.seats ? 'election' : 'question',
            input.seats,
          ],
        );
        if (created.length === 0) return;
        await m.query(
          `INSERT INTO vote_roll (vote_id, unit_id, subject_id, area)
           SELECT $1, u.id, u.voting_subject_id, u.exclusive_area FROM units u
            WHERE u.estate_id = $2 AND (cardinality($3::uuid[]) = 0 OR u.building_id = ANY($3::uuid[]))`,
          [input.voteId, input.estateId, input.scope.buildingIds],
        );
      });
      const [stats] = await dataSource.query(
        `SELECT count(*)::int AS units, count(DISTINCT subject_id)::int AS subjects, coalesce(sum(area), 0)::numeric(14,2)::text AS area
           FROM vote_roll WHERE vote_id = $1`,
        [input.voteId],
      );
      return stats;
    },

    async setVoteStatus(input: { voteId: string; status: 'open' | 'closed' | 'published'; at: string }): Promise<void> {
      await dataSource.query(
        `UPDATE votes SET status = $2, closed_at = CASE WHEN $2::varchar = 'closed' THEN $3::timestamptz ELSE closed_at END WHERE id = $1`,
        [input.voteId, input.status, input.at],
      );
    },

    async tallyVote(input: { voteId: string; matter: Matter }): Promise<VoteCount> {
      const { units, ballots, election } = await load(input.voteId);
      const count: VoteCount = election
        ? { tally: null, election: tallyElection({ units, ballots, ...election }) }
        : { tally: tallyOwnersDecision({ matter: input.matter, units, ballots }), election: null };
      await dataSource.query(`UPDATE votes SET result = $2 WHERE id = $1`, [
        input.voteId,
        JSON.stringify(count.tally ?? count.election),
      ]);
      return count;
    },

    /** A question is settled when no way of voting by the rest can change it; an election when everyone has voted. */
    async checkVoteSettled(input: { voteId: string; matter: Matter }): Promise<{ settled: boolean; passed: boolean }> {
      const { units, ballots, election } = await load(input.voteId);
      if (election) return { settled: new Set(units.map((u) => u.subjectId)).size === ballots.length, passed: false };
      return outcomeSettled({ matter: input.matter, units, ballots });
    },
  };
}
