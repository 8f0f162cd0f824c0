import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
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
  /** The staged file on local disk, for checks that read more than its head before it is kept. */
  stagedPath(staged: StagedBlob): string;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

/** What `open` rejects with when no blob has the hash, whichever store it is. */
export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no blob with SHA-256 ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

export type BlobStoreSettings =
  | { kind: 'local'; root: string }
  /** Any S3-compatible service (OSS, COS, OBS, MinIO, …); uploads are staged on local disk under `stagingDir` first. */
  | {
      kind: 's3';
      endpoint?: string;
      region: string;
      bucket: string;
      prefix: string;
      forcePathStyle: boolean;
      stagingDir: string;
    };

/** The bytes file-type needs to recognise every format it knows. */
const HEAD_BYTES = 4100;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

function requireSha256(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return sha256;
}

/** Local staging every store shares: the upload is written to disk once, hashed on the way. */
class StagingArea {
  constructor(private readonly dir: string) {}

  pathOf(staged: StagedBlob): string {
    return join(this.dir, staged.stagingKey);
  }

  async stage(content: Readable): Promise<StagedBlob> {
    const stagingKey = randomUUID();
    const path = join(this.dir, stagingKey);
    await mkdir(this.dir, { recursive: true });
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

  discard(staged: StagedBlob): Promise<void> {
    return rm(this.pathOf(staged), { force: true });
  }
}

/** Blobs under `<root>/sha256/ab/<hash>`, staged in `<root>/staging` on the same disk so commit is a link. */
export class LocalBlobStore implements BlobStore {
  private readonly staging: StagingArea;

  constructor(private readonly root: string) {
    this.staging = new StagingArea(join(root, 'staging'));
  }

  private pathOf(sha256: string): string {
    return join(this.root, 'sha256', sha256.slice(0, 2), requireSha256(sha256));
  }

  stage(content: Readable): Promise<StagedBlob> {
    return this.staging.stage(content);
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await link(this.staging.pathOf(staged), target);
    } catch (error) {
      // The same content is already stored: keep the first copy, untouched.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await this.discard(staged);
  }

  discard(staged: StagedBlob): Promise<void> {
    return this.staging.discard(staged);
  }

  stagedPath(staged: StagedBlob): string {
    return this.staging.pathOf(staged);
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(sha256) : error;
    });
    return createReadStream(path);
  }
}

/** Blobs as objects `<prefix>sha256/<hash>` in one bucket; an object that exists is never written again. */
export class S3BlobStore implements BlobStore {
  private readonly staging: StagingArea;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
    stagingDir: string,
  ) {
    this.staging = new StagingArea(stagingDir);
  }

  private keyOf(sha256: string): string {
    return `${this.prefix}sha256/${requireSha256(sha256)}`;
  }

  stage(content: Readable): Promise<StagedBlob> {
    return this.staging.stage(content);
  }

  async commit(staged: StagedBlob): Promise<void> {
    const Key = this.keyOf(staged.sha256);
    const exists = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) return false;
        throw error;
      },
    );
    if (!exists) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: createReadStream(this.staging.pathOf(staged)),
          ContentLength: staged.size,
          ChecksumSHA256: Buffer.from(staged.sha256, 'hex').toString('base64'),
        }),
      );
    }
    await this.discard(staged);
  }

  discard(staged: StagedBlob): Promise<void> {
    return this.staging.discard(staged);
  }

  stagedPath(staged: StagedBlob): string {
    return this.staging.pathOf(staged);
  }

  async open(sha256: string): Promise<Readable> {
    const object = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }))
      .catch((error: Error) => {
        throw error.name === 'NoSuchKey' ? new BlobNotFoundError(sha256) : error;
      });
    return object.Body as Readable;
  }
}

export function createBlobStore(settings: BlobStoreSettings): BlobStore {
  if (settings.kind === 'local') return new LocalBlobStore(settings.root);
  // Credentials come from the SDK's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
  });
  return new S3BlobStore(client, settings.bucket, settings.prefix, settings.stagingDir);
}

/** `BLOB_STORE=s3` with `S3_BUCKET` (and `S3_ENDPOINT`, `S3_REGION`, `S3_PREFIX`) selects S3; otherwise local files. */
export function blobStoreSettingsFromEnv(env: NodeJS.ProcessEnv, localRoot: string): BlobStoreSettings {
  if (env.BLOB_STORE !== 's3') return { kind: 'local', root: localRoot };
  if (!env.S3_BUCKET) throw new Error('BLOB_STORE=s3 时必须设置 S3_BUCKET');
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX ?? '',
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
    stagingDir: join(localRoot, 'staging'),
  };
}
