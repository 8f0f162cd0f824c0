import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_CONTENT_READ } from '../../../../libs/persistence/src/audit';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { DocumentResponse } from './documents.dto';
import { DocumentsService } from './documents.service';

@ApiTags('文件')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':id')
  @ApiOperation({ summary: '文件信息：类别、版本、SHA-256、大小、上传人与时间' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiRefusals(400, [404, '文件不存在或您无权查看（DOCUMENT_NOT_FOUND）'])
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.documents.findVisible(principal, id);
  }

  @Get(':id/content')
  @AuditedRead(DOCUMENT_CONTENT_READ)
  @ApiOperation({ summary: '下载文件内容（按内容识别的类型）' })
  @ApiOkResponse({
    description: '文件内容；Content-Type 为按内容识别的类型（如 application/pdf、image/jpeg），以附件下载',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(400, [404, '文件不存在或您无权查看（DOCUMENT_NOT_FOUND）'])
  async content(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    const { document, stream } = await this.documents.content(principal, id);
    return new StreamableFile(stream, {
      type: document.mediaType,
      length: document.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`,
    });
  }
}
