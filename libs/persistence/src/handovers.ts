// Owns handovers, handover_checklist, handover_inspections, handover_defects, penalty_decisions.
import type { DataSource, EntityManager } from 'typeorm';
import {
  ORGANISING_TASK_KEYS,
  rectificationTaskKey,
  type Defect,
  type HandoverInput,
  type HandoverStage,
  type InspectionRecord,
} from '../../contracts/src/handover';
import type { ChecklistEntry } from '../../domain/src/handover';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import { estateScope, type ScopeCondition, type Viewer } from './registry';
import { insertCreditEntry } from './credit';

type Db = DataSource | EntityManager;

// ---- the handover (API) ----

export interface HandoverRow {
  id: string;
  workflowId: string;
  estateId: string;
  developerOrganisationId: string;
  propertyFirmOrganisationId: string;
  housingBureauOrganisationId: string;
  plan: HandoverInput['plan'];
  stage: string;
  filingNumber: string | null;
}

export async function insertHandover(
  db: Db,
  input: {
    handoverId: string;
    workflowId: string;
    estateId: string;
    developerOrganisationId: string;
    propertyFirmOrganisationId: string;
    housingBureauOrganisationId: string;
    plan: HandoverInput['plan'];
    startedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO handovers (id, workflow_id, estate_id, developer_organisation_id, property_firm_organisation_id, housing_bureau_organisation_id, plan, stage, started_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'plan', $8)`,
    [
      input.handoverId,
      input.workflowId,
      input.estateId,
      input.developerOrganisationId,
      input.propertyFirmOrganisationId,
      input.housingBureauOrganisationId,
      JSON.stringify(input.plan),
      input.startedBy,
    ],
  );
}

/** Removes a handover whose workflow did not start. */
export async function deleteHandover(db: Db, handoverId: string): Promise<void> {
  await db.query(`DELETE FROM handovers WHERE id = $1`, [handoverId]);
}

/**
 * Who may read a handover (its row aliased `handover`, its estate `estate`) — the record, its documents, its
 * procedure and timeline alike: the offices whose reach covers the estate, and its developer and firm. Nobody
 * else of the estate, not its owners nor a firm that serves it but does not take it over.
 */
export function handoverScope(handover: string, estate: string, viewer: Viewer): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role)) return estateScope(estate, viewer);
  if (!viewer.organisationId) return { where: 'false', params: {} };
  return {
    where: `:scopeOrg IN (${handover}.developer_organisation_id, ${handover}.property_firm_organisation_id)`,
    params: { scopeOrg: viewer.organisationId },
  };
}

/** The handover if the viewer may read it (`handoverScope`), else undefined. */
export async function findVisibleHandover(
  db: Db,
  viewer: Viewer,
  handoverId: string,
): Promise<HandoverRow | undefined> {
  const scope = handoverScope('h', 'e', viewer);
  return db
    .createQueryBuilder()
    .select(['h.id AS id', 'h.workflow_id AS "workflowId"', 'h.estate_id AS "estateId"'])
    .addSelect([
      'h.developer_organisation_id AS "developerOrganisationId"',
      'h.property_firm_organisation_id AS "propertyFirmOrganisationId"',
      'h.housing_bureau_organisation_id AS "housingBureauOrganisationId"',
    ])
    .addSelect(['h.plan AS plan', 'h.stage AS stage', 'h.filing_number AS "filingNumber"'])
    .from('handovers', 'h')
    .innerJoin('estates', 'e', 'e.id = h.estate_id')
    .where('h.id = :handoverId', { handoverId })
    .andWhere(`(${scope.where})`, scope.params)
    .getRawOne<HandoverRow>();
}

/** The handover a workflow runs (a step reached from its inbox task knows only the workflow). */
export async function handoverIdOfWorkflow(db: Db, workflowId: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT id FROM handovers WHERE workflow_id = $1`, [workflowId]);
  return row?.id;
}

export async function handoverChecklist(db: Db, handoverId: string): Promise<unknown[]> {
  return db.query(
    `SELECT kind, status, document_ids AS "documentIds", to_char(committed_date, 'YYYY-MM-DD') AS "committedDate", reason FROM handover_checklist WHERE handover_id = $1 ORDER BY kind`,
    [handoverId],
  );
}

/** The defects as the handover's detail shows them. */
export async function handoverDefects(db: Db, handoverId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, found_in_round AS "foundInRound", location, category, severity, description, required_fix AS "requiredFix", status, fix_note AS "fixNote",
            closed_in_round AS "closedInRound", to_char(fix_by, 'YYYY-MM-DD') AS "fixBy"
       FROM handover_defects WHERE handover_id = $1 ORDER BY found_in_round, location`,
    [handoverId],
  );
}

/** The inspections as the handover's detail shows them. */
export async function handoverInspections(db: Db, handoverId: string): Promise<unknown[]> {
  return db.query(
    `SELECT round, kind, method, conclusion, recorded_at AS "recordedAt", inspectors, attendees,
            developer_inspectors AS "developerInspectors", developer_remarks AS "developerRemarks",
            developer_confirmed_at AS "developerConfirmedAt"
       FROM handover_inspections WHERE handover_id = $1 ORDER BY round`,
    [handoverId],
  );
}

/** The developer's signature on the site-inspection record; a retry finds it signed and changes nothing. */
export async function confirmHandoverInspection(
  db: Db,
  input: { handoverId: string; inspectors: string[]; remarks: string; confirmedBy: string; at: string },
): Promise<void> {
  await db.query(
    `UPDATE handover_inspections
        SET developer_inspectors = $2, developer_remarks = $3, developer_confirmed_by = $4, developer_confirmed_at = $5
      WHERE handover_id = $1 AND kind = 'site' AND developer_confirmed_at IS NULL`,
    [input.handoverId, input.inspectors, input.remarks, input.confirmedBy, input.at],
  );
}

/** Whether the checklist declared that kind missing. */
export async function isChecklistKindMissing(db: Db, handoverId: string, kind: string): Promise<boolean> {
  const [missing] = await db.query(
    `SELECT 1 FROM handover_checklist WHERE handover_id = $1 AND kind = $2 AND status = 'missing'`,
    [handoverId, kind],
  );
  return Boolean(missing);
}

// ---- the archive (一个项目，一套档案) ----

/** The inspections with photos and recorder, for the archive's manifest. */
export async function archiveInspections(db: Db, handoverId: string): Promise<unknown[]> {
  return db.query(
    `SELECT round, kind, method, conclusion, photo_document_ids AS "photoDocumentIds", recorded_by AS "recordedBy", recorded_at AS "recordedAt",
            inspectors, attendees, developer_inspectors AS "developerInspectors", developer_remarks AS "developerRemarks",
            developer_confirmed_by AS "developerConfirmedBy", developer_confirmed_at AS "developerConfirmedAt"
       FROM handover_inspections WHERE handover_id = $1 ORDER BY round`,
    [handoverId],
  );
}

/** Every defect with its whole history, for the archive's manifest. */
export async function archiveDefects(db: Db, handoverId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, found_in_round AS "foundInRound", location, category, severity, description, required_fix AS "requiredFix", status, fix_note AS "fixNote",
              fixed_in_round AS "fixedInRound", closed_in_round AS "closedInRound", to_char(fix_by, 'YYYY-MM-DD') AS "fixBy", photo_document_id AS "photoDocumentId"
         FROM handover_defects WHERE handover_id = $1 ORDER BY found_in_round, location`,
    [handoverId],
  );
}

/** The penalty decisions of a handover's workflow, each with its credit entry and who recorded it. */
export async function handoverPenalties(db: Db, workflowId: string): Promise<unknown[]> {
  return db.query(
    `SELECT p.source_key AS "sourceKey", p.decision, p.fine_fen::text AS "fineFen", c.points AS "creditPoints", p.decided_by AS "decidedBy", p.decided_at AS "decidedAt",
            c.recorded_by AS "creditRecordedBy", c.recorded_at AS "creditRecordedAt"
       FROM penalty_decisions p LEFT JOIN credit_entries c ON c.source_workflow_id = p.workflow_id AND c.source_key = p.source_key
      WHERE p.workflow_id = $1 ORDER BY p.decided_at`,
    [workflowId],
  );
}

// ---- the handover's records (activities) ----

export async function setHandoverStage(
  db: Db,
  input: {
    handoverId: string;
    stage: HandoverStage;
    documents?: { agreement?: string; handoverRecord?: string; filing?: string };
    filingNumber?: string | null;
  },
): Promise<void> {
  await db.query(
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
}

/** Writes the checklist, one statement per entry (a resubmission replaces an entry). */
export async function saveHandoverChecklist(db: Db, handoverId: string, entries: ChecklistEntry[]): Promise<void> {
  for (const e of entries) {
    await db.query(
      `INSERT INTO handover_checklist (handover_id, kind, status, document_ids, committed_date, reason)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (handover_id, kind) DO UPDATE
         SET status = EXCLUDED.status, document_ids = EXCLUDED.document_ids, committed_date = EXCLUDED.committed_date, reason = EXCLUDED.reason, updated_at = now()`,
      [
        handoverId,
        e.kind,
        e.status,
        e.status === 'present' ? e.documentIds : null,
        e.status === 'missing' ? e.committedDate : null,
        e.status === 'waived' ? e.reason.trim() : null,
      ],
    );
  }
}

/**
 * One inspection round, once: its record, the defects it found, those it closed or carried into the agreement;
 * a fix it did not accept is open again. Call inside a transaction.
 */
export async function saveHandoverInspection(
  m: EntityManager,
  input: {
    handoverId: string;
    round: number;
    kind: 'site' | 'reinspection';
    record: InspectionRecord;
    recordedBy: string;
    at: string;
    newDefects: Defect[];
    closedDefectIds: string[];
    carryOver: Array<{ defectId: string; fixBy: string }>;
  },
): Promise<void> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO handover_inspections (handover_id, round, kind, method, conclusion, photo_document_ids, recorded_by, recorded_at, inspectors, attendees)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (handover_id, round) DO NOTHING RETURNING round`,
    [
      input.handoverId,
      input.round,
      input.kind,
      input.record.method,
      input.record.conclusion,
      input.record.photoDocumentIds ?? [],
      input.recordedBy,
      input.at,
      input.record.inspectors ?? [],
      JSON.stringify(input.record.attendees ?? []),
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
}

/** The developer's fixes of a 整改 round, one statement per defect. */
export async function saveDefectFixes(
  db: Db,
  handoverId: string,
  round: number,
  fixes: Array<{ defectId: string; note: string }>,
): Promise<void> {
  for (const f of fixes) {
    await db.query(
      `UPDATE handover_defects SET status = 'fixed', fix_note = $3, fixed_in_round = $4 WHERE handover_id = $1 AND id = $2 AND status = 'open'`,
      [handoverId, f.defectId, f.note, round],
    );
  }
}

/** A penalty decision on a late 整改 round, once (the bureau's, or the 城管局's where it has two steps). */
export async function insertPenaltyDecision(
  db: Db,
  input: {
    workflowId: string;
    round: number;
    developerOrganisationId: string;
    decision: string;
    fineFen: number;
    decidedBy: string;
    at: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO penalty_decisions (workflow_id, source_key, organisation_id, decision, fine_fen, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (workflow_id, source_key) DO NOTHING`,
    [
      input.workflowId,
      rectificationTaskKey(input.round),
      input.developerOrganisationId,
      input.decision,
      input.fineFen,
      input.decidedBy,
      input.at,
    ],
  );
}

/** What a developer's credit entry answers for: a late 整改 round, or a refusal to organise the inspection. */
export type DeveloperCreditSource = { round: number } | { organisingRefusal: true };

/** The developer's negative credit entry for one failure of a handover, once per source, citing the decision. */
export async function insertDeveloperCredit(
  db: Db,
  input: {
    workflowId: string;
    developerOrganisationId: string;
    decision: string;
    creditPoints: number;
    recordedBy: string;
    at: string;
  } & DeveloperCreditSource,
): Promise<void> {
  const [what, sourceKey] =
    'round' in input
      ? [`承接查验逾期整改（第 ${input.round} 轮）`, rectificationTaskKey(input.round)]
      : ['建设单位拒绝组织承接查验，责令限期后仍未组织', ORGANISING_TASK_KEYS.credit];
  await insertCreditEntry(db, {
    organisationId: input.developerOrganisationId,
    points: -input.creditPoints,
    reason: `${what}：${input.decision}`,
    sourceWorkflowId: input.workflowId,
    sourceKey,
    recordedBy: input.recordedBy,
    recordedAt: input.at,
  });
}

/** The decision of a late round, for the credit entry recorded on its 抄告. */
export async function penaltyDecisionText(db: Db, workflowId: string, round: number): Promise<string | undefined> {
  const [row] = await db.query(`SELECT decision FROM penalty_decisions WHERE workflow_id = $1 AND source_key = $2`, [
    workflowId,
    rectificationTaskKey(round),
  ]);
  return row?.decision;
}
