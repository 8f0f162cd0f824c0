import type { DataSource } from 'typeorm';
import type { Defect, HandoverStage, InspectionRecord } from '../../libs/contracts/src/handover';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { ChecklistEntry } from '../../libs/domain/src/handover';
import { enqueueNoticeToOwners } from '../../libs/persistence/src/notifications';
import {
  confirmHandoverInspection,
  insertDeveloperCredit,
  insertPenaltyDecision,
  penaltyDecisionText,
  saveDefectFixes,
  saveHandoverChecklist,
  saveHandoverInspection,
  setHandoverStage,
} from '../../libs/persistence/src/handovers';

/** The records of 承接查验. Every write is keyed (handover, kind / round / defect / workflow and round), so a retry changes nothing. */
export function createHandoverActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async setHandoverStage(input: {
      handoverId: string;
      stage: HandoverStage;
      documents?: { agreement?: string; handoverRecord?: string; filing?: string };
      filingNumber?: string | null;
    }): Promise<void> {
      await setHandoverStage(dataSource, input);
    },

    async saveHandoverChecklist(input: { handoverId: string; entries: ChecklistEntry[] }): Promise<void> {
      await saveHandoverChecklist(dataSource, input.handoverId, input.entries);
    },

    async saveHandoverInspection(input: {
      handoverId: string;
      round: number;
      kind: 'site' | 'reinspection';
      record: InspectionRecord;
      actor: Actor;
      at: string;
      newDefects: Defect[];
      closedDefectIds: string[];
      carryOver: Array<{ defectId: string; fixBy: string }>;
    }): Promise<void> {
      await dataSource.transaction((m) => saveHandoverInspection(m, { ...input, recordedBy: input.actor.userId }));
    },

    /**
     * "Tell owners the filing is done" (rules.md §2, FILED): an in-app notice to every owner on the estate's roll,
     * once per owner and handover. Returns how many owners were told.
     */
    async noticeHandoverFiled(input: {
      workflowId: string;
      handoverId: string;
      estateId: string;
      estateName: string;
      filingNumber: string;
    }): Promise<number> {
      return enqueueNoticeToOwners(
        dataSource,
        { estateId: input.estateId },
        {
          dedupPrefix: `handover-filed:${input.handoverId}`,
          title: `${input.estateName} 物业承接查验已备案`,
          body: `备案号 ${input.filingNumber}。承接查验协议、查验记录和交接记录等资料归全体业主所有，由物业服务企业保管，业主可申请查阅；前期物业服务合同终止时移交业主委员会。`,
        },
        input.workflowId,
      );
    },

    async confirmHandoverInspection(input: {
      handoverId: string;
      inspectors: string[];
      remarks: string;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await confirmHandoverInspection(dataSource, { ...input, confirmedBy: input.actor.userId });
    },

    async saveDefectFixes(input: {
      handoverId: string;
      round: number;
      fixes: Array<{ defectId: string; note: string }>;
    }): Promise<void> {
      await saveDefectFixes(dataSource, input.handoverId, input.round, input.fixes);
    },

    /** The bureau's decision on a late round and the developer's credit entry, once each. */
    async recordDeveloperPenalty(input: {
      workflowId: string;
      handoverId: string;
      developerOrganisationId: string;
      round: number;
      decision: string;
      fineFen: number;
      creditPoints: number;
      actor: Actor;
      at: string;
    }): Promise<void> {
      const by = { decidedBy: input.actor.userId, recordedBy: input.actor.userId };
      await dataSource.transaction(async (m) => {
        await insertPenaltyDecision(m, { ...input, ...by });
        await insertDeveloperCredit(m, { ...input, ...by });
      });
    },

    /** The 城管局's penalty of a late round (two-step `latePenalty`), once; the bureau records the credit on it. */
    async recordPenaltyDecision(input: {
      workflowId: string;
      developerOrganisationId: string;
      round: number;
      decision: string;
      fineFen: number;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await insertPenaltyDecision(dataSource, { ...input, decidedBy: input.actor.userId });
    },

    /**
     * The bureau's credit entry, once: on the 城管局's 抄告 of a late round (its reason citing that decision), or
     * for a developer that did not organise the inspection within the bureau's order (the bureau's own decision).
     */
    async recordDeveloperCredit(
      input: {
        workflowId: string;
        developerOrganisationId: string;
        creditPoints: number;
        actor: Actor;
        at: string;
      } & ({ round: number } | { organisingRefusal: true; decision: string }),
    ): Promise<void> {
      const decision =
        'round' in input
          ? `据城市管理和综合执法局处罚抄告，${(await penaltyDecisionText(dataSource, input.workflowId, input.round))!}`
          : input.decision;
      await insertDeveloperCredit(dataSource, { ...input, decision, recordedBy: input.actor.userId });
    },
  };
}
