import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { BlobStore, StagedBlob } from '../../../../libs/storage/src/blob-store';

/** What a route handler receives: multer's description of the file plus where its bytes were staged. */
export interface StagedUpload extends Express.Multer.File {
  staged: StagedBlob;
}

/**
 * multer storage engine that streams the file straight into the blob store's staging area, hashing it
 * on the way: nothing is buffered in memory, and nothing is kept until the service commits it.
 */
export class BlobStagingStorage implements StorageEngine {
  constructor(private readonly store: BlobStore) {}

  _handleFile(_req: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<StagedUpload>) => void): void {
    this.store.stage(file.stream).then(
      (staged) => callback(null, { staged, size: staged.size }),
      (error) => callback(error),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    const { staged } = file as Partial<StagedUpload>;
    if (!staged) return callback(null);
    this.store.discard(staged).then(() => callback(null), callback);
  }
}
