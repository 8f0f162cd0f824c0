import { ApiProperty } from '@nestjs/swagger';

export class AuditChainBreakResponse {
  @ApiProperty({ example: '350504102' }) jurisdictionCode!: string;
  @ApiProperty({ type: 'integer', description: '第一处断裂的序号' }) seq!: number;
  @ApiProperty({ example: '第 12 条记录内容与哈希不符（可能被篡改）' }) reason!: string;
}

export class AuditVerifyResponse {
  @ApiProperty({ type: 'integer', description: '校验的链数（每个辖区一条）' }) chains!: number;
  @ApiProperty({ type: 'integer', description: '校验的记录数' }) entries!: number;
  @ApiProperty({ type: [AuditChainBreakResponse], description: '各链第一处断裂；全部完好时为空' })
  broken!: AuditChainBreakResponse[];
}
