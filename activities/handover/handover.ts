import type { DataSource } from 'typeorm';
import type { Defect, HandoverStage, InspectionRecord } from '../../libs/contracts/src/handover';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { ChecklistEntry } from '../../libs/domain/src/handover';

/** The records of 承接查验. Every write is keyed (handover, kind / round / defect / workflow and round), so a retry changes nothing. */
export function createHandoverActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async setHandoverStage(input: {
      handoverId: string;
      stage: HandoverStage;
      documents?: { agreement?: string; handoverRecord?: string; filing?: string };
      filingNumber?: string | null;
    }): Promise<void> {
      await dataSource.query(
        `UPDATE handovers SET stage = $2::varchar,
                agreement_document_id = coalesce($3, agreement_document_id),
                handover_record_document_id = coalesce($4, handover_record_document_id),
                filing_document_id = coalesce($5, filing_document_id),
                filing_number = coalesce($6, filing_number),
                completed_at = CASE WHEN $2::varchar = 'done' THEN coalesce(completed_at, now()) END
          WHERE id = $1`,
        [
          input.handoverId,
          input.stage,
          input.documents?.agreement ?? null,
          input.documents?.handoverRecord ?? null,
          input.documents?.filing ?? null,
          input.filingNumber ?? null,
        ],
      );
    },

    async saveHandoverChecklist(input: { handoverId: string; entries: ChecklistEntry[] }): Promise<void> {
      for (const e of input.entries) {
        await dataSource.query(
          `INSERT INTO handover_checklist (handover_id, kind, status, document_ids, committed_date, reason)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (handover_id, kind) DO UPDATE
             SET status = EXCLUDED.status, document_ids = EXCLUDED.document_ids, committed_date = EXCLUDED.committed_date, reason = EXCLUDED.reason, updated_at = now()`,
          [
            input.handoverId,
            e.kind,
            e.status,
            e.status === 'present' ? e.documentIds : null,
            e.status === 'missing' ? e.committedDate : null,
            e.status === 'waived' ? e.reason.trim() : null,
          ],
        );
      }
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
      await dataSource.transaction(async (m) => {
        const inserted: unknown[] = await m.query(
          `INSERT INTO handover_inspections (handover_id, round, kind, method, conclusion, photo_document_ids, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (handover_id, round) DO NOTHING RETURNING round`,
          [
            input.handoverId,
            input.round,
            input.kind,
            input.record.method,
            input.record.conclusion,
            input.record.photoDocumentIds ?? [],
            input.actor.userId,
            input.at,
          ],
        );
        if (!inserted.length) return;
        for (const d of input.newDefects) {
          await m.query(
            `INSERT INTO handover_defects (id, handover_id, found_in_round, location, category, severity, description, required_fix, photo_document_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              d.id,
              input.handoverId,
              d.foundInRound,
              d.location,
              d.category,
              d.severity,
              d.description ?? '',
              d.requiredFix,
              d.photoDocumentId ?? null,
            ],
          );
        }
        await m.query(
          `UPDATE handover_defects SET status = 'closed', closed_in_round = $3 WHERE handover_id = $1 AND id = ANY($2::uuid[])`,
          [input.handoverId, input.closedDefectIds, input.round],
        );
        for (const c of input.carryOver) {
          await m.query(
            `UPDATE handover_defects SET status = 'carried_over', fix_by = $3 WHERE handover_id = $1 AND id = $2`,
            [input.handoverId, c.defectId, c.fixBy],
          );
        }
        // A fix the firm did not accept is open again.
        await m.query(`UPDATE handover_defects SET status = 'open' WHERE handover_id = $1 AND status = 'fixed'`, [
          input.handoverId,
        ]);
      });
    },

    async saveDefectFixes(input: {
      handoverId: string;
      round: number;
      fixes: Array<{ defectId: string; note: string }>;
    }): Promise<void> {
      for (const f of input.fixes) {
        await dataSource.query(
          `UPDATE handover_defects SET status = 'fixed', fix_note = $3, fixed_in_round = $4 WHERE handover_id = $1 AND id = $2 AND status = 'open'`,
          [input.handoverId, f.defectId, f.note, input.round],
        );
      }
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
      const sourceKey = `rectification:${input.round}`;
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO penalty_decisions (workflow_id, source_key, organisation_id, decision, fine_fen, decided_by, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (workflow_id, source_key) DO NOTHING`,
          [
            input.workflowId,
            sourceKey,
            input.developerOrganisationId,
            input.decision,
            input.fineFen,
            input.actor.userId,
            input.at,
          ],
        );
        await m.query(
          `INSERT INTO credit_entries (organisation_id, points, reason, source_workflow_id, source_key, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source_workflow_id, source_key) DO NOTHING`,
          [
            input.developerOrganisationId,
            -input.creditPoints,
            `承接查验逾期整改（第 ${input.round} 轮）：${input.decision}`,
            input.workflowId,
            sourceKey,
            input.actor.userId,
            input.at,
          ],
        );
      });
    },
  };
}
