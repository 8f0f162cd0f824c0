import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import archiver from 'archiver';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { MEDIA_TYPES } from '../../../../libs/domain/src/documents';
import type { Principal } from '../auth/principal';
import { DocumentsService, type DocumentRecord } from '../documents/documents.service';
import { HandoversService } from './handovers.service';

const EXTENSIONS = Object.fromEntries(Object.entries(MEDIA_TYPES).map(([ext, mime]) => [mime, ext])) as Record<
  string,
  string
>;

/**
 * "一个项目，一套档案": one zip per handover with every version of every document, and a manifest of who
 * uploaded what and when, every inspection, defect and decision, and the timeline. File paths inside
 * the zip are built from kinds, versions and hashes only — never from uploaded names — and SHA256SUMS
 * lets anyone check the files with `sha256sum -c`.
 */
@Injectable()
export class HandoverArchiveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoversService,
    private readonly documents: DocumentsService,
  ) {}

  async export(principal: Principal, handoverId: string): Promise<{ fileName: string; stream: Readable }> {
    const row = await this.handovers.visible(principal, handoverId);
    const q = (sql: string) => this.dataSource.query(sql, [handoverId]);
    const [estate] = await this.dataSource.query(`SELECT name FROM estates WHERE id = $1`, [row.estateId]);
    const [documents, checklist, inspections, defects, penalties, timeline] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id, d.kind, d.slot, d.version, d.sha256, d.size::float8 AS size, d.media_type AS "mediaType", d.original_name AS "originalName",
                d.uploaded_by AS "uploadedBy", o.name AS "uploadedByOrganisation", d.uploaded_at AS "uploadedAt"
           FROM documents d LEFT JOIN organisations o ON o.id = d.uploaded_by_organisation
          WHERE d.subject_type = 'handover' AND d.subject_id = $1 ORDER BY d.kind, d.slot, d.version`,
        [handoverId],
      ) as Promise<Array<DocumentRecord & { uploadedByOrganisation: string | null }>>,
      q(
        `SELECT kind, status, document_ids AS "documentIds", to_char(committed_date, 'YYYY-MM-DD') AS "committedDate", reason FROM handover_checklist WHERE handover_id = $1 ORDER BY kind`,
      ),
      q(
        `SELECT round, kind, method, conclusion, photo_document_ids AS "photoDocumentIds", recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM handover_inspections WHERE handover_id = $1 ORDER BY round`,
      ),
      q(`SELECT id, found_in_round AS "foundInRound", location, category, severity, description, required_fix AS "requiredFix", status, fix_note AS "fixNote",
                fixed_in_round AS "fixedInRound", closed_in_round AS "closedInRound", to_char(fix_by, 'YYYY-MM-DD') AS "fixBy", photo_document_id AS "photoDocumentId"
           FROM handover_defects WHERE handover_id = $1 ORDER BY found_in_round, location`),
      this.dataSource.query(
        `SELECT p.source_key AS "sourceKey", p.decision, p.fine_fen::text AS "fineFen", c.points AS "creditPoints", p.decided_by AS "decidedBy", p.decided_at AS "decidedAt"
           FROM penalty_decisions p LEFT JOIN credit_entries c ON c.source_workflow_id = p.workflow_id AND c.source_key = p.source_key
          WHERE p.workflow_id = $1 ORDER BY p.decided_at`,
        [row.workflowId],
      ),
      this.dataSource.query(
        `SELECT seq, stage, stage_label AS "stageLabel", note, actor_user_id AS "actorUserId", actor_role AS "actorRole", occurred_at AS "occurredAt"
           FROM procedure_events WHERE workflow_id = $1 ORDER BY seq`,
        [row.workflowId],
      ),
    ]);
    const files = documents.map((d) => ({
      ...d,
      path: `files/${d.kind}/v${d.version}-${d.sha256.slice(0, 16)}-${d.id.slice(0, 8)}.${EXTENSIONS[d.mediaType] ?? 'bin'}`,
    }));
    const manifest = {
      format: 'wuye-handover-archive/1',
      generatedAt: new Date().toISOString(),
      generatedBy: principal.userId,
      handover: { ...row, estateName: estate.name },
      documents: files,
      checklist,
      inspections,
      defects,
      penalties,
      timeline,
    };

    const zip = archiver('zip', { zlib: { level: 6 } });
    zip.append(JSON.stringify(manifest, null, 2), { name: 'manifest.json' });
    zip.append(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''), { name: 'SHA256SUMS' });
    // Files are added one after another as the zip is read, so a large archive is never held in memory.
    void (async () => {
      try {
        for (const f of files)
          zip.append(await this.documents.openBlob(f.sha256), { name: f.path, date: new Date(f.uploadedAt) });
        await zip.finalize();
      } catch (error) {
        zip.abort();
        zip.emit('error', error);
      }
    })();
    return { fileName: `${estate.name}-承接查验档案-${handoverId.slice(0, 8)}.zip`, stream: zip };
  }
}
