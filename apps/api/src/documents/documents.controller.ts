import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { DocumentsService } from './documents.service';

@ApiTags('文件')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':id')
  @ApiOperation({ summary: '文件信息：类别、版本、SHA-256、大小、上传人与时间' })
  detail(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.documents.findVisible(principal, id);
  }

  @Get(':id/content')
  @AuditedRead('download document')
  @ApiOperation({ summary: '下载文件内容（按内容识别的类型）' })
  async content(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string) {
    const { document, stream } = await this.documents.content(principal, id);
    return new StreamableFile(stream, {
      type: document.mediaType,
      length: document.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`,
    });
  }
}
