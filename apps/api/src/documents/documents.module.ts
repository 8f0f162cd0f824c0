import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { BLOB_STORE, createBlobStore, type BlobStoreSettings } from '../../../../libs/storage/src/blob-store';
import { RegistryModule } from '../registry/registry.module';
import { BlobStagingStorage } from './blob-staging.storage';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

export interface DocumentSettings {
  blobStore: BlobStoreSettings;
  maxUploadBytes: number;
}

/** Uploads for every procedure: one blob store, one multer configuration, one documents table. */
@Global()
@Module({})
export class DocumentsModule {
  static forRoot(settings: DocumentSettings): DynamicModule {
    const store = createBlobStore(settings.blobStore);
    return {
      module: DocumentsModule,
      imports: [
        RegistryModule,
        MulterModule.register({
          storage: new BlobStagingStorage(store),
          // One file per request; file names arrive as UTF-8 (multer's default would read them as Latin-1)
          // and whole, so a name that tries to climb directories is refused rather than silently trimmed.
          limits: { fileSize: settings.maxUploadBytes, files: 1, fields: 20 },
          defParamCharset: 'utf8',
          preservePath: true,
        }),
      ],
      controllers: [DocumentsController],
      providers: [{ provide: BLOB_STORE, useValue: store }, DocumentsService],
      exports: [BLOB_STORE, DocumentsService, MulterModule],
    };
  }
}
