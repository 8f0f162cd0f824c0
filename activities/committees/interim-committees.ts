import type { DataSource } from 'typeorm';
import type { InterimCommitteeInput } from '../../libs/contracts/src/interim-committee';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { CandidateVerdict, TemporaryCommitteeMember } from '../../libs/domain/src/committee';
import type { InterimCommitteeOrigin } from '../../libs/domain/src/interim-committee';
import {
  activateInterimCommittee,
  closeInterimCase,
  hasInterimCommittee,
  hasServingOwnersCommittee,
  insertInterimCase,
  interimStartFacts,
  openInterimWorkflows,
  refusedInterimMembers,
  saveInterimMembers,
  saveInterimReview,
} from '../../libs/persistence/src/interim-committees';

/**
 * The records of the 物管会 procedure. Every write is keyed (case id, round, person id, committee id) so that a
 * retry changes nothing; names are never read here.
 */
export function createInterimCommitteeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async createInterimCase(input: {
      caseId: string;
      workflowId: string;
      estateId: string;
      origin: InterimCommitteeOrigin;
      existingCommitteeId: string | null;
      at: string;
    }): Promise<void> {
      await dataSource.transaction((m) => insertInterimCase(m, input));
    },

    async saveInterimMembers(input: {
      caseId: string;
      committeeId: string;
      estateId: string;
      members: TemporaryCommitteeMember[];
      today: string;
    }): Promise<void> {
      await dataSource.transaction((m) => saveInterimMembers(m, input));
    },

    async saveInterimReview(input: {
      caseId: string;
      round: number;
      departmentKind: string;
      organisationId: string;
      verdicts: CandidateVerdict[];
      actor: Actor;
      at: string;
    }): Promise<void> {
      await saveInterimReview(dataSource, { ...input, reviewedBy: input.actor.userId });
    },

    /** Ends a round of 资格联审: the owner members some department refused. */
    async settleInterimReviews(input: { caseId: string; round: number }): Promise<string[]> {
      return refusedInterimMembers(dataSource, input.caseId, input.round);
    },

    async activateInterimCommittee(input: {
      caseId: string;
      committeeId: string;
      filingNumber: string;
      termStart: string;
      termEnd: string;
      at: string;
    }): Promise<void> {
      await dataSource.transaction((m) => activateInterimCommittee(m, input));
    },

    async closeInterimCase(input: {
      caseId: string;
      status: 'dissolved' | 'expired' | 'superseded';
      handover: object | null;
      at: string;
    }): Promise<void> {
      await dataSource.transaction((m) => closeInterimCase(m, input));
    },

    /** The workflows of the estate's 物管会 being set up or serving, for a 业委会's 备案 to dissolve. */
    async openInterimWorkflows(input: { estateId: string }): Promise<string[]> {
      return openInterimWorkflows(dataSource, input.estateId);
    },

    /**
     * What a 物管会 started by a workflow (a term that ended without a 换届, one that expired) starts with, from the
     * registry and the estate's policy now; null when none is due (a 业委会 or a 物管会 serves) or the registry
     * lacks an office, which the caller notes.
     */
    async interimCommitteeInputFor(input: {
      estateId: string;
      caseId: string;
      origin: InterimCommitteeOrigin;
      /** False when the asking procedure's own 物管会 is the estate's (one expiring, a failed meeting's). */
      checkInterim: boolean;
      /** A 物管会 already serving, whose term the new procedure watches (a failed meeting's). */
      existing?: { committeeId: string; termEnd: string };
      /** The members a failed meeting's decision named, whom the new procedure reviews and files. */
      named?: { committeeId: string; members: TemporaryCommitteeMember[] };
    }): Promise<{ input: InterimCommitteeInput } | { skipped: string }> {
      if (await hasServingOwnersCommittee(dataSource, input.estateId)) return { skipped: '该小区已有在任业委会' };
      if (input.checkInterim && (await hasInterimCommittee(dataSource, input.estateId)))
        return { skipped: '该小区已有物管会在任或正在组建' };
      const facts = await interimStartFacts(dataSource, input.estateId);
      if ('code' in facts) return { skipped: facts.reason };
      return {
        input: {
          ...facts.input,
          caseId: input.caseId,
          origin: input.origin,
          ...(input.existing && { existing: input.existing }),
          ...(input.named && { named: input.named }),
        },
      };
    },
  };
}
