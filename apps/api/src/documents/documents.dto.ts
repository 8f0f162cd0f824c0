import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../libs/domain/src/documents';

/** One version of an uploaded document (documents.service.ts DocumentRecord). */
export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ enum: ['vote', 'handover'], description: '所属记录的类别' }) subjectType!: string;
  @ApiProperty({ format: 'uuid', description: '所属表决或承接查验' }) subjectId!: string;
  @ApiProperty({ enum: Object.keys(DOCUMENT_KINDS) }) kind!: DocumentKind;
  @ApiProperty({ description: '所填的位置（清单项、房屋 id 等）；同一位置再次上传为新版本' }) slot!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: '内容的 SHA-256' }) sha256!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: '字节数' }) size!: number;
  @ApiProperty({ example: 'application/pdf', description: '按内容识别的类型' }) mediaType!: string;
  @ApiProperty({ description: '上传时的文件名（仅作记录）' }) originalName!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) uploadedByOrganisation!: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}
