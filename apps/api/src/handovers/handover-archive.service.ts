import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import archiver from 'archiver';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { MEDIA_TYPES } from '../../../../libs/domain/src/documents';
import { handoverArchiveDocuments } from '../../../../libs/persistence/src/documents';
import {
  archiveDefects,
  archiveInspections,
  handoverChecklist,
  handoverPenalties,
} from '../../../../libs/persistence/src/handovers';
import { procedureTimeline } from '../../../../libs/persistence/src/read-model';
import { findEstateName } from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { DocumentsService } from '../documents/documents.service';
import { HandoversService } from './handovers.service';

/** Formats compressed already: deflating them again costs most of an export's CPU and saves next to nothing. */
const STORED_MEDIA_TYPES = new Set<string>([
  MEDIA_TYPES.pdf,
  MEDIA_TYPES.jpeg,
  MEDIA_TYPES.png,
  MEDIA_TYPES.zip,
  MEDIA_TYPES.docx,
  MEDIA_TYPES.xlsx,
]);

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
    const estate = (await findEstateName(this.dataSource, row.estateId))!;
    const [documents, checklist, inspections, defects, penalties, timeline] = await Promise.all([
      handoverArchiveDocuments(this.dataSource, handoverId),
      handoverChecklist(this.dataSource, handoverId),
      archiveInspections(this.dataSource, handoverId),
      archiveDefects(this.dataSource, handoverId),
      handoverPenalties(this.dataSource, row.workflowId),
      procedureTimeline(this.dataSource, row.workflowId),
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
    // Files are added one after another as the zip is read, each opened only when the one before is written, so
    // neither a large archive nor one buffer and open file per document is ever held.
    void (async () => {
      try {
        for (const f of files) {
          const blob = await this.documents.openBlob(f.sha256);
          const written = entryWritten(zip, f.path);
          zip.append(blob, {
            name: f.path,
            date: new Date(f.uploadedAt),
            store: STORED_MEDIA_TYPES.has(f.mediaType),
          });
          await written;
        }
        await zip.finalize();
      } catch (error) {
        zip.abort();
        zip.emit('error', error);
      }
    })();
    return { fileName: `${estate.name}-承接查验档案-${handoverId.slice(0, 8)}.zip`, stream: zip };
  }
}

/** Settles when the zip has written the entry `name`; fails if the zip fails or is closed first (a client gone). */
function entryWritten(zip: archiver.Archiver, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      zip.off('entry', onEntry).off('error', settle).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onEntry = (entry: archiver.EntryData) => {
      if (entry.name === name) settle();
    };
    const onClose = () => settle(new Error('the archive was closed before it was written'));
    zip.on('entry', onEntry).on('error', settle).on('close', onClose);
  });
}
