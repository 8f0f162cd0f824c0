import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { DocumentRef } from '../../libs/contracts/src/committee-formation';
import type {
  CandidateVerdict,
  PrepGroupMember,
  ResolutionChoice,
  ResolutionOutcome,
  ResolutionShare,
} from '../../libs/domain/src/committee';
import {
  decideResolution,
  openResolution,
  recordResolutionVote,
  type OpenedResolution,
  type ResolutionKind,
} from '../../libs/persistence/src/committee-resolutions';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import {
  activateCommittee,
  cancelFormation,
  closeFormationObjection,
  committeeOwnerMemberIds,
  createTemporaryCommittee,
  endCommitteeTerm,
  insertFormation,
  type NewFormation,
  type NewTemporaryCommittee,
  recordElectedCommittee,
  saveCandidates,
  saveCommitteeOfficers,
  saveFormationPosting,
  savePrepGroup,
  savePreparation,
  saveReview,
  settleReviews,
  voidElectedCommittee,
} from '../../libs/persistence/src/committees';
import { enqueueNoticeToOwners, enqueueNotification } from '../../libs/persistence/src/notifications';
import { estateHeading, recordOwnersAssembly, type OwnersAssembly } from '../../libs/persistence/src/registry';
import { copyFormationCandidatesToVote } from '../../libs/persistence/src/votes';

/**
 * The records of 业委会组建 and of committees. Every write is keyed (formation id, person id, committee id)
 * so that a retry changes nothing; names are never read here except to hand them to the vote's
 * `vote_candidates`, inside PostgreSQL.
 */
export function createCommitteeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /** The first meeting elected a committee: the estate has an 业主大会 from that day. */
    async recordOwnersAssembly(input: OwnersAssembly & { estateId: string }): Promise<void> {
      const { estateId, ...assembly } = input;
      await recordOwnersAssembly(dataSource, estateId, assembly);
    },

    /** 条例 art 14: the meeting's written notice to every owner of the estate and to the 居委会, once per meeting date. */
    async noticeFormationMeeting(input: {
      workflowId: string;
      estateId: string;
      estateName: string;
      communityOrganisationId: string;
      meetingDate: string;
    }): Promise<{ owners: number }> {
      const key = `assembly-meeting:${input.workflowId}:${input.meetingDate}`;
      const title = `${input.estateName} 业主大会会议通知`;
      const body = `会议日期 ${input.meetingDate}：选举业主委员会委员，表决管理规约和业主大会议事规则（《物业管理条例》第十四条：会议召开15日前通知全体业主）`;
      return dataSource.transaction(async (m) => {
        const owners = await enqueueNoticeToOwners(
          m,
          { estateId: input.estateId },
          { dedupPrefix: key, title, body },
          input.workflowId,
        );
        await enqueueNotification(
          m,
          {
            dedupKey: `${key}:community`,
            recipientRole: 'community',
            recipientOrganisationId: input.communityOrganisationId,
            title,
            body,
          },
          input.workflowId,
        );
        return { owners };
      });
    },

    /** The members of a committee who act as themselves through their owner login (committee_people ids). */
    async committeeTermMembers(input: { committeeId: string }): Promise<string[]> {
      return committeeOwnerMemberIds(dataSource, input.committeeId);
    },

    /** A notice to each serving member of a committee (its owner record), once per `dedupPrefix` and owner. */
    async noticeCommitteeMembers(input: {
      workflowId: string;
      committeeId: string;
      dedupPrefix: string;
      title: string;
      body: string;
    }): Promise<{ owners: number }> {
      const { workflowId, committeeId, ...notice } = input;
      return { owners: await enqueueNoticeToOwners(dataSource, { committeeId }, notice, workflowId) };
    },

    async createFormationRecord(input: NewFormation): Promise<void> {
      await insertFormation(dataSource, input);
    },

    async savePrepGroup(input: { formationId: string; members: PrepGroupMember[]; at: string }): Promise<void> {
      await dataSource.transaction((m) => savePrepGroup(m, input));
    },

    async savePreparation(input: {
      formationId: string;
      meetingDate: string;
      documents: { covenant: DocumentRef; meetingRules: DocumentRef };
    }): Promise<void> {
      await savePreparation(dataSource, input);
    },

    async saveCandidates(input: {
      formationId: string;
      candidates: Array<{ personId: string; nominatedBy: string }>;
      seats: number;
    }): Promise<void> {
      await dataSource.transaction((m) => saveCandidates(m, input));
    },

    async saveReview(input: {
      formationId: string;
      departmentKind: string;
      organisationId: string;
      verdicts: CandidateVerdict[];
      actor: Actor;
      at: string;
    }): Promise<void> {
      await saveReview(dataSource, { ...input, reviewedBy: input.actor.userId });
    },

    /** Ends a 资格联审: a candidate refused by any department is out; returns the others in list order. */
    async settleReviews(input: { formationId: string }): Promise<string[]> {
      return settleReviews(dataSource, input.formationId);
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
    }): Promise<{ members: number; partyMembers: number; memberOwnerIds?: string[] }> {
      return dataSource.transaction((m) => recordElectedCommittee(m, input));
    },

    /** 指导规则: the roll, the 筹备组 and the candidates posted, with the meeting day (rules.md §1 row 4). */
    async postFormationNotices(input: {
      formationId: string;
      meetingDate: string;
      postedOn: string;
      at: string;
    }): Promise<void> {
      await saveFormationPosting(dataSource, input);
    },

    /** The street office answered an objection to the posting (its text was written by the API). */
    async answerFormationObjection(input: {
      formationId: string;
      objectionId: string;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await closeFormationObjection(dataSource, {
        formationId: input.formationId,
        objectionId: input.objectionId,
        answeredBy: input.actor.userId,
        at: input.at,
      });
    },

    async saveCommitteeOfficers(input: {
      committeeId: string;
      directorId: string;
      deputyIds: string[];
      partyMemberPercent: number;
    }): Promise<void> {
      await dataSource.transaction((m) => saveCommitteeOfficers(m, input));
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
      await dataSource.transaction((m) => activateCommittee(m, input));
    },

    async createTemporaryCommittee(input: NewTemporaryCommittee): Promise<void> {
      await dataSource.transaction((m) => createTemporaryCommittee(m, input));
    },

    async closeFormation(input: { formationId: string; at: string }): Promise<void> {
      await cancelFormation(dataSource, input.formationId, input.at);
    },

    /** The elected committee of a revoked election (条例 art 19) never serves. */
    async voidElectedCommittee(input: { committeeId: string; at: string }): Promise<void> {
      await voidElectedCommittee(dataSource, input.committeeId, input.at);
    },

    /**
     * Opens the 业委会决议 on a matter (once per procedure and kind): the fund's 业委会 in office and its
     * members, by id. `share` is the policy the procedure started with; one started before the policy held it
     * gets its locality's value now, and the answer is in its history either way.
     */
    async openCommitteeResolution(input: {
      resolutionId: string;
      estateId: string;
      kind: ResolutionKind;
      matterRef: string;
      workflowId: string;
      share: ResolutionShare | null;
      at: string;
    }): Promise<OpenedResolution & { share: ResolutionShare }> {
      const opened = await openResolution(dataSource, input);
      let share = input.share;
      if (!share) {
        const estate = await estateHeading(dataSource, input.estateId);
        share = (await localityPolicy(dataSource, estate!.path)).maintenanceFund.committeeResolutionShare!;
      }
      return { ...opened, share };
    },

    /** One member's 表决 on a resolution, and its outcome once decided (a retry writes nothing new). */
    async recordCommitteeVote(input: {
      resolutionId: string;
      personId: string;
      choice: ResolutionChoice;
      recordedBy: string;
      outcome: ResolutionOutcome;
      at: string;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await recordResolutionVote(m, input);
        if (input.outcome !== 'pending')
          await decideResolution(m, { resolutionId: input.resolutionId, outcome: input.outcome, at: input.at });
      });
    },

    /** The term is over and handed over: the committee stops serving unless a successor already replaced it. */
    async endCommitteeTerm(input: { committeeId: string; at: string }): Promise<void> {
      await endCommitteeTerm(dataSource, input.committeeId, input.at);
    },
  };
}
