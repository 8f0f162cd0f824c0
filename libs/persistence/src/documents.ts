// Owns documents (append-only: each upload is the next version of its slot; the blobs live in the blob store).
import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentKind } from '../../domain/src/documents';

type Db = DataSource | EntityManager;

export interface DocumentRecord {
  id: string;
  estateId: string;
  subjectType: string;
  subjectId: string;
  kind: DocumentKind;
  slot: string;
  version: number;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string;
  uploadedByOrganisation: string | null;
  uploadedAt: Date;
}

const DOCUMENT_COLUMNS = `id, estate_id AS "estateId", subject_type AS "subjectType", subject_id AS "subjectId", kind, slot, version, sha256,
  size::float8 AS size, media_type AS "mediaType", original_name AS "originalName", uploaded_by AS "uploadedBy",
  uploaded_by_organisation AS "uploadedByOrganisation", uploaded_at AS "uploadedAt"`;

export interface NewDocument {
  estateId: string;
  subjectType: string;
  subjectId: string;
  kind: DocumentKind;
  slot: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string;
  uploadedByOrganisation: string | null;
}

/**
 * Adds the document as the next version of its slot. Versions of one slot are numbered in order even when
 * two uploads race (a transaction-scoped advisory lock per slot): call inside a transaction.
 */
export async function insertDocumentVersion(m: EntityManager, d: NewDocument): Promise<DocumentRecord> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${d.subjectType}:${d.subjectId}:${d.slot}`]);
  const [row] = await m.query(
    `INSERT INTO documents (estate_id, subject_type, subject_id, kind, slot, version, sha256, size, media_type, original_name, uploaded_by, uploaded_by_organisation)
     SELECT $1, $2::varchar, $3::uuid, $4, $5::varchar, coalesce(max(version), 0) + 1, $6, $7, $8, $9, $10, $11
       FROM documents WHERE subject_type = $2 AND subject_id = $3 AND slot = $5
     RETURNING ${DOCUMENT_COLUMNS}`,
    [
      d.estateId,
      d.subjectType,
      d.subjectId,
      d.kind,
      d.slot,
      d.sha256,
      d.size,
      d.mediaType,
      d.originalName,
      d.uploadedBy,
      d.uploadedByOrganisation,
    ],
  );
  return row as DocumentRecord;
}

/** Every version of every document of a record, newest version first within a slot. */
export function documentsOf(db: Db, subjectType: string, subjectId: string): Promise<DocumentRecord[]> {
  return db.query(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE subject_type = $1 AND subject_id = $2 ORDER BY slot, version DESC`,
    [subjectType, subjectId],
  );
}

export async function findDocument(db: Db, documentId: string): Promise<DocumentRecord | undefined> {
  const [row] = await db.query(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [documentId]);
  return row;
}

/** A handover's uploaded documents by kind (ids in slot and version order): what its checklist counts as present. */
export function handoverDocumentsByKind(
  db: Db,
  handoverId: string,
): Promise<Array<{ kind: DocumentKind; ids: string[] }>> {
  return db.query(
    `SELECT kind, array_agg(id ORDER BY slot, version) AS ids FROM documents WHERE subject_type = 'handover' AND subject_id = $1 GROUP BY kind`,
    [handoverId],
  );
}

/** A handover's documents for its archive, the uploader's organisation by name. */
export function handoverArchiveDocuments(
  db: Db,
  handoverId: string,
): Promise<Array<DocumentRecord & { uploadedByOrganisation: string | null }>> {
  return db.query(
    `SELECT d.id, d.kind, d.slot, d.version, d.sha256, d.size::float8 AS size, d.media_type AS "mediaType", d.original_name AS "originalName",
            d.uploaded_by AS "uploadedBy", o.name AS "uploadedByOrganisation", d.uploaded_at AS "uploadedAt"
       FROM documents d LEFT JOIN organisations o ON o.id = d.uploaded_by_organisation
      WHERE d.subject_type = 'handover' AND d.subject_id = $1 ORDER BY d.kind, d.slot, d.version`,
    [handoverId],
  );
}
