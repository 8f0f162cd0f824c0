import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { wholeFileProblem } from './whole-file-check';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  DOCUMENT_KINDS,
  fileNameProblem,
  mayOpenBallotScan,
  type DocumentKind,
} from '../../../../libs/domain/src/documents';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import {
  documentsOf,
  findDocument,
  insertDocumentVersion,
  type DocumentRecord,
} from '../../../../libs/persistence/src/documents';
import { findVisibleComplaint } from '../../../../libs/persistence/src/complaints';
import { findVisibleDispute } from '../../../../libs/persistence/src/disputes';
import { findVisibleHandover } from '../../../../libs/persistence/src/handovers';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { findVote } from '../../../../libs/persistence/src/votes';
import { BLOB_STORE, type BlobStore } from '../../../../libs/storage/src/blob-store';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { ApiMetrics } from '../metrics/api-metrics';
import { EstatesService } from '../registry/estates.service';
import type { StagedUpload } from './document-upload';

/** The record an upload belongs to, and the slot it fills (a checklist item, a unit's proxy, …). */
export interface DocumentTarget {
  estateId: string;
  subjectType: 'vote' | 'handover' | 'complaint' | 'dispute';
  subjectId: string;
  kind: DocumentKind;
  slot: string;
}

export type { DocumentRecord };

/** The record documents belong to. */
export type DocumentSubject = Pick<DocumentTarget, 'estateId' | 'subjectType' | 'subjectId'>;

const documentNotFound = () => notFound('DOCUMENT_NOT_FOUND', '文件不存在或您无权查看');

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly estates: EstatesService,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Keeps an upload as the next version of its slot, once its content (not its name) shows an allowed
   * type: the blob is committed by hash. A refused file is left to `@DocumentUpload()` to discard.
   */
  async store(principal: Principal, target: DocumentTarget, file: StagedUpload | undefined): Promise<DocumentRecord> {
    if (!file) throw new ApiError(400, 'FILE_REQUIRED', '请在 multipart 字段 file 中上传一个文件');
    const nameProblem = fileNameProblem(file.originalName);
    if (nameProblem) throw new ApiError(400, 'UNSAFE_FILE_NAME', `文件名不可接受：${nameProblem}`);
    if (file.staged.size === 0) throw new ApiError(422, 'EMPTY_FILE', '文件为空');
    const allowed: readonly string[] = DOCUMENT_KINDS[target.kind].mediaTypes;
    const detected = await fileTypeFromBuffer(file.staged.head);
    if (!detected || !allowed.includes(detected.mime)) {
      throw new ApiError(
        422,
        'FILE_TYPE_NOT_ALLOWED',
        `「${DOCUMENT_KINDS[target.kind].label}」只接受 ${allowed.join('、')}；按文件内容识别为 ${detected?.mime ?? '未知类型'}`,
      );
    }
    const wholeProblem = await wholeFileProblem(this.blobs.stagedPath(file.staged), file.staged.size, detected.mime);
    if (wholeProblem) throw new ApiError(422, 'FILE_CONTENT_REFUSED', wholeProblem);
    await this.blobs.commit(file.staged);
    const record = await this.dataSource.transaction(async (m) => {
      // Versions of one slot are numbered in order even when two uploads race.
      return insertDocumentVersion(m, {
        estateId: target.estateId,
        subjectType: target.subjectType,
        subjectId: target.subjectId,
        kind: target.kind,
        slot: target.slot,
        sha256: file.staged.sha256,
        size: file.staged.size,
        mediaType: detected.mime,
        originalName: file.originalName,
        uploadedBy: principal.userId,
        uploadedByOrganisation: principal.organisationId,
      });
    });
    this.metrics.uploadBytes.inc({ kind: target.kind }, file.staged.size);
    return record;
  }

  /** Every version of every document of a record, newest version first within a slot. */
  listFor(subjectType: DocumentTarget['subjectType'], subjectId: string): Promise<DocumentRecord[]> {
    return documentsOf(this.dataSource, subjectType, subjectId);
  }

  /** The documents of a record the caller may read (`readableKinds`), newest version first within a slot. */
  async listVisible(principal: Principal, subject: DocumentSubject): Promise<DocumentRecord[]> {
    const readable = await this.readableKinds(principal, subject);
    return readable ? (await this.listFor(subject.subjectType, subject.subjectId)).filter((d) => readable(d.kind)) : [];
  }

  async find(documentId: string): Promise<DocumentRecord> {
    const row = await findDocument(this.dataSource, documentId);
    if (!row) throw documentNotFound();
    return row;
  }

  /** A document the caller may read (`readableKinds`); otherwise the 404 of a document that does not exist. */
  async findVisible(principal: Principal, documentId: string): Promise<DocumentRecord> {
    const document = await this.find(documentId);
    const readable = await this.readableKinds(principal, document);
    if (!readable?.(document.kind)) throw documentNotFound();
    return document;
  }

  /**
   * Which kinds of a record's documents the caller may read; null for none. A handover's: whoever may read the
   * handover. A vote's (personal data): the offices that see its estate — but a scanned paper ballot, which shows
   * how an owner voted, only the readers the locality's policy names (the organiser and the bureau). A 授权委托书
   * shows who stands for whom, not a choice, and stays with those offices: the 社区/村 helps collect them. A
   * complaint's photos: whoever may read the complaint; a dispute's agreement, whoever may read the dispute.
   */
  private async readableKinds(
    principal: Principal,
    subject: Pick<DocumentRecord, 'estateId' | 'subjectType' | 'subjectId'>,
  ): Promise<((kind: DocumentKind) => boolean) | null> {
    if (subject.subjectType === 'handover')
      return (await findVisibleHandover(this.dataSource, principal, subject.subjectId)) ? () => true : null;
    if (subject.subjectType === 'complaint')
      return (await findVisibleComplaint(this.dataSource, principal, subject.subjectId)) ? () => true : null;
    if (subject.subjectType === 'dispute')
      return (await findVisibleDispute(this.dataSource, principal, subject.subjectId)) ? () => true : null;
    if (!GOVERNMENT_ROLES.includes(principal.role)) return null;
    const estate = await this.estates.findVisible(principal, subject.estateId).catch(() => null);
    const vote = estate && (await findVote(this.dataSource, subject.subjectId));
    if (!vote) return null;
    const { ballotScanReaders } = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).voteRecords;
    const scans = mayOpenBallotScan(ballotScanReaders, principal, vote.organiserOrganisationId);
    return (kind) => kind !== 'paper_ballot' || scans;
  }

  async content(principal: Principal, documentId: string): Promise<{ document: DocumentRecord; stream: Readable }> {
    const document = await this.findVisible(principal, documentId);
    return { document, stream: await this.blobs.open(document.sha256) };
  }

  openBlob(sha256: string): Promise<Readable> {
    return this.blobs.open(sha256);
  }
}
