import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3BlobStore } from '../../libs/storage/src/blob-store';
import { startS3TestServer } from '../../scripts/lib/s3-server';
import { blobStoreContract } from '../support/blob-store-contract';

/** The S3 blob store against a real S3 API (gofakes3, built from the Go module proxy). */
describe('S3 blob store', () => {
  let server: Awaited<ReturnType<typeof startS3TestServer>>;
  let client: S3Client;
  let staging: string;

  beforeAll(async () => {
    server = await startS3TestServer();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    staging = await mkdtemp(join(tmpdir(), 's3-staging-'));
  });

  afterAll(async () => {
    client?.destroy();
    await server?.stop();
    await rm(staging, { recursive: true, force: true });
  });

  blobStoreContract(
    () => new S3BlobStore(client, 'wuye-documents', 'test/', staging),
    () => readdir(staging),
  );
});
