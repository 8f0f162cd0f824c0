import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { DocumentRef } from '../../libs/contracts/src/committee-formation';
import type {
  CandidateVerdict,
  FormationApplicant,
  PrepGroupMember,
  TemporaryCommitteeMember,
} from '../../libs/domain/src/committee';
import { copyFormationCandidatesToVote } from '../../libs/persistence/src/votes';

/**
 * The records of 业委会组建 and of committees. Every write is keyed (formation id, person id, committee id)
 * so that a retry changes nothing; names are never read here except to hand them to the vote's
 * `vote_candidates`, inside PostgreSQL.
 */
export function createCommitteeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async createFormationRecord(input: {
      formationId: string;
      workflowId: string;
      estateId: string;
      mode: string;
      applicant: FormationApplicant;
      at: string;
    }): Promise<void> {
      await dataSource.query(
        `INSERT INTO committee_formations (id, workflow_id, estate_id, mode, applicant, started_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [input.formationId, input.workflowId, input.estateId, input.mode, input.applicant, input.at],
      );
    },

    async savePrepGroup(input: { formationId: string; members: PrepGroupMember[]; at: string }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO committee_prep_members (formation_id, person_id, side, leader)
           SELECT $1, p, s, l FROM unnest($2::uuid[], $3::text[], $4::boolean[]) AS x(p, s, l) ON CONFLICT DO NOTHING`,
          [
            input.formationId,
            input.members.map((x) => x.personId),
            input.members.map((x) => x.side),
            input.members.map((x) => x.leader),
          ],
        );
        await m.query(
          `UPDATE committee_formations SET prep_group_formed_at = coalesce(prep_group_formed_at, $2) WHERE id = $1`,
          [input.formationId, input.at],
        );
      });
    },

    async savePreparation(input: {
      formationId: string;
      meetingDate: string;
      documents: { covenant: DocumentRef; meetingRules: DocumentRef };
    }): Promise<void> {
      await dataSource.query(`UPDATE committee_formations SET meeting_date = $2, documents = $3 WHERE id = $1`, [
        input.formationId,
        input.meetingDate,
        JSON.stringify(input.documents),
      ]);
    },

    async saveCandidates(input: {
      formationId: string;
      candidates: Array<{ personId: string; nominatedBy: string }>;
      seats: number;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO committee_candidates (formation_id, person_id, nominated_by, ordinal)
           SELECT $1, p, n, (SELECT count(*) FROM committee_candidates WHERE formation_id = $1) + o
             FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS x(p, n, o) ON CONFLICT DO NOTHING`,
          [input.formationId, input.candidates.map((c) => c.personId), input.candidates.map((c) => c.nominatedBy)],
        );
        await m.query(`UPDATE committee_formations SET seats = $2 WHERE id = $1`, [input.formationId, input.seats]);
      });
    },

    async saveReview(input: {
      formationId: string;
      departmentKind: string;
      organisationId: string;
      verdicts: CandidateVerdict[];
      actor: Actor;
      at: string;
    }): Promise<void> {
      const v = input.verdicts;
      await dataSource.query(
        `INSERT INTO candidate_reviews (formation_id, person_id, department_kind, organisation_id, passed, reason, findings, reviewed_by, reviewed_at)
         SELECT $1, p, $2, $3, ok, r, coalesce((SELECT array_agg(f) FROM json_array_elements_text(fs) f), '{}'), $7, $8
           FROM unnest($4::uuid[], $5::boolean[], $6::text[], $9::json[]) AS x(p, ok, r, fs)
         ON CONFLICT DO NOTHING`,
        [
          input.formationId,
          input.departmentKind,
          input.organisationId,
          v.map((x) => x.candidateId),
          v.map((x) => x.passed),
          v.map((x) => x.reason.trim()),
          input.actor.userId,
          input.at,
          v.map((x) => JSON.stringify(x.findings ?? [])),
        ],
      );
    },

    /** Ends a 资格联审: a candidate refused by any department is out; returns the others in list order. */
    async settleReviews(input: { formationId: string }): Promise<string[]> {
      await dataSource.query(
        `UPDATE committee_candidates c SET status = CASE WHEN EXISTS (
            SELECT 1 FROM candidate_reviews r WHERE r.formation_id = c.formation_id AND r.person_id = c.person_id AND NOT r.passed)
          THEN 'refused' ELSE 'approved' END
          WHERE c.formation_id = $1 AND c.status = 'nominated'`,
        [input.formationId],
      );
      const rows: Array<{ id: string }> = await dataSource.query(
        `SELECT person_id AS id FROM committee_candidates WHERE formation_id = $1 AND status = 'approved' ORDER BY ordinal`,
        [input.formationId],
      );
      return rows.map((r) => r.id);
    },

    /** The election's candidate list for the vote engine: names copied inside PostgreSQL, ids to the workflow. */
    async prepareElectionCandidates(input: { formationId: string; voteId: string }): Promise<string[]> {
      return copyFormationCandidatesToVote(dataSource, input.formationId, input.voteId);
    },

    /** The elected become the committee (status elected until filed); returns the figures for the party share. */
    async recordElectedCommittee(input: {
      formationId: string;
      committeeId: string;
      estateId: string;
      electedIds: string[];
      termStart: string;
      termEnd: string;
    }): Promise<{ members: number; partyMembers: number }> {
      return dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO committees (id, estate_id, kind, formation_id, status, term_start, term_end) VALUES ($1, $2, 'owners_committee', $3, 'elected', $4, $5)
           ON CONFLICT (id) DO NOTHING`,
          [input.committeeId, input.estateId, input.formationId, input.termStart, input.termEnd],
        );
        await m.query(
          `INSERT INTO committee_members (committee_id, person_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
          [input.committeeId, input.electedIds],
        );
        await m.query(
          `UPDATE committee_candidates SET status = CASE WHEN person_id = ANY($2::uuid[]) THEN 'elected' ELSE 'not_elected' END
            WHERE formation_id = $1 AND status IN ('approved','elected','not_elected')`,
          [input.formationId, input.electedIds],
        );
        const [counts] = await m.query(
          `SELECT count(*)::int AS members, count(*) FILTER (WHERE p.party_member)::int AS "partyMembers"
             FROM committee_members cm JOIN committee_people p ON p.id = cm.person_id WHERE cm.committee_id = $1`,
          [input.committeeId],
        );
        return counts;
      });
    },

    async saveCommitteeOfficers(input: {
      committeeId: string;
      directorId: string;
      deputyIds: string[];
      partyMemberPercent: number;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE committee_members SET position = CASE WHEN person_id = $2 THEN 'director' WHEN person_id = ANY($3::uuid[]) THEN 'deputy' ELSE 'member' END
            WHERE committee_id = $1`,
          [input.committeeId, input.directorId, input.deputyIds],
        );
        await m.query(`UPDATE committees SET party_member_percent = $2 WHERE id = $1`, [
          input.committeeId,
          input.partyMemberPercent,
        ]);
      });
    },

    /**
     * 备案: the committee starts serving; a serving 物管会 is dissolved and an outgoing committee's term ends
     * (a 换届) in the same transaction, so an estate never shows two serving committees of a kind.
     */
    async activateCommittee(input: {
      committeeId: string;
      formationId: string;
      estateId: string;
      filingNumber: string;
      filingPackage: object;
      at: string;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE committees SET status = CASE kind WHEN 'temporary_committee' THEN 'dissolved' ELSE 'expired' END, ended_at = $3
            WHERE estate_id = $1 AND status = 'active' AND id <> $2`,
          [input.estateId, input.committeeId, input.at],
        );
        await m.query(
          `UPDATE committees SET status = 'active', filing_number = $2, filing_package = $3, filed_at = $4 WHERE id = $1 AND status = 'elected'`,
          [input.committeeId, input.filingNumber, JSON.stringify(input.filingPackage), input.at],
        );
        await m.query(`UPDATE committee_formations SET status = 'committee', closed_at = $2 WHERE id = $1`, [
          input.formationId,
          input.at,
        ]);
      });
    },

    async createTemporaryCommittee(input: {
      formationId: string;
      committeeId: string;
      estateId: string;
      members: TemporaryCommitteeMember[];
      termStart: string;
      termEnd: string;
      at: string;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        const created: unknown[] = await m.query(
          `INSERT INTO committees (id, estate_id, kind, formation_id, status, term_start, term_end) VALUES ($1, $2, 'temporary_committee', $3, 'active', $4, $5)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [input.committeeId, input.estateId, input.formationId, input.termStart, input.termEnd],
        );
        if (!created.length) return;
        await m.query(
          `INSERT INTO committee_members (committee_id, person_id, side, position)
           SELECT $1, p, s, CASE WHEN c THEN 'chair' ELSE 'member' END FROM unnest($2::uuid[], $3::text[], $4::boolean[]) AS x(p, s, c)`,
          [
            input.committeeId,
            input.members.map((x) => x.personId),
            input.members.map((x) => x.side),
            input.members.map((x) => x.chair),
          ],
        );
        await m.query(`UPDATE committee_formations SET status = 'temporary_committee', closed_at = $2 WHERE id = $1`, [
          input.formationId,
          input.at,
        ]);
      });
    },

    async closeFormation(input: { formationId: string; at: string }): Promise<void> {
      await dataSource.query(
        `UPDATE committee_formations SET status = 'cancelled', closed_at = $2 WHERE id = $1 AND status = 'running'`,
        [input.formationId, input.at],
      );
    },

    /** The term is over and handed over: the committee stops serving unless a successor already replaced it. */
    async endCommitteeTerm(input: { committeeId: string; at: string }): Promise<void> {
      await dataSource.query(
        `UPDATE committees SET status = 'expired', ended_at = $2 WHERE id = $1 AND status = 'active'`,
        [input.committeeId, input.at],
      );
    },
  };
}
