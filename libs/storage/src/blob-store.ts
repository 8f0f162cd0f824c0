import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file received but not yet kept: its content hash, size and first bytes (for type detection). */
export interface StagedBlob {
  readonly stagingKey: string;
  readonly sha256: string;
  readonly size: number;
  readonly head: Buffer;
}

/**
 * Content-addressed storage for uploaded documents. A blob is named by its SHA-256, so storing the same
 * content twice keeps one copy and nothing is ever overwritten; callers name blobs only by a hash they
 * got from the store, never by a path built from user input.
 */
export interface BlobStore {
  /** Streams content into staging while hashing it; nothing is visible until `commit`. */
  stage(content: Readable): Promise<StagedBlob>;
  commit(staged: StagedBlob): Promise<void>;
  discard(staged: StagedBlob): Promise<void>;
  open(sha256: string): Promise<Readable>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export interface BlobStoreSettings {
  kind: 'local';
  root: string;
}

/** The bytes file-type needs to recognise every format it knows. */
const HEAD_BYTES = 4100;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Blobs under `<root>/sha256/ab/<hash>`, staged in `<root>/staging` on the same disk so commit is a link. */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  private stagingPath(key: string): string {
    return join(this.root, 'staging', key);
  }

  async stage(content: Readable): Promise<StagedBlob> {
    const stagingKey = randomUUID();
    const path = this.stagingPath(stagingKey);
    await mkdir(join(this.root, 'staging'), { recursive: true });
    const hash = createHash('sha256');
    let head = Buffer.alloc(0);
    let size = 0;
    const observe = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, observe, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { stagingKey, sha256: hash.digest('hex'), size, head };
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await link(this.stagingPath(staged.stagingKey), target);
    } catch (error) {
      // The same content is already stored: keep the first copy, untouched.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await this.discard(staged);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(this.stagingPath(staged.stagingKey), { force: true });
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    await stat(path);
    return createReadStream(path);
  }
}

export function createBlobStore(settings: BlobStoreSettings): BlobStore {
  return new LocalBlobStore(settings.root);
}
