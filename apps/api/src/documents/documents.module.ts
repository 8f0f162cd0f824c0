import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BLOB_STORE, createBlobStore, type BlobStoreSettings } from '../../../../libs/storage/src/blob-store';
import { RegistryModule } from '../registry/registry.module';
import { UPLOAD_LIMITS, type UploadLimits } from './document-upload';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

export interface DocumentSettings extends UploadLimits {
  blobStore: BlobStoreSettings;
}

/** Uploads for every procedure: one blob store, one set of upload limits, one documents table. */
@Global()
@Module({})
export class DocumentsModule {
  static forRoot(settings: DocumentSettings): DynamicModule {
    const store = createBlobStore(settings.blobStore);
    return {
      module: DocumentsModule,
      imports: [RegistryModule],
      controllers: [DocumentsController],
      providers: [
        { provide: BLOB_STORE, useValue: store },
        { provide: UPLOAD_LIMITS, useValue: { maxUploadBytes: settings.maxUploadBytes } },
        DocumentsService,
      ],
      exports: [BLOB_STORE, UPLOAD_LIMITS, DocumentsService],
    };
  }
}
