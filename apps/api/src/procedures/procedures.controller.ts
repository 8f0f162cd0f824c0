import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { PROCEDURE_TYPES, type ProcedureStatus } from '../../../../libs/contracts/src/procedures';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery, OptionalOneOf } from '../common/pagination';
import { procedureTypes } from './procedure-stages';
import { ProcedureDetailResponse, ProcedureResponse, ProcedureTypeResponse } from './procedures.dto';
import { ProceduresService } from './procedures.service';

class ProcedureListQuery extends PageQuery {
  @OptionalOneOf(Object.keys(PROCEDURE_TYPES))
  type?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  estateId?: string;

  @ApiPropertyOptional({ description: '辖区代码（含下级）', example: '350504102', pattern: '^\\d{2,12}$' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ description: '阶段代码', pattern: '^[a-z_-]{1,64}$' })
  @IsOptional()
  @Matches(/^[a-z_-]{1,64}$/)
  stage?: string;

  @ApiPropertyOptional({ description: '仅列出已逾期的（截止时间已过且仍在办理）', type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @OptionalOneOf(['running', 'completed', 'cancelled'], { description: '办理状态' })
  status?: ProcedureStatus;
}

@ApiTags('程序（办件）')
@ApiBearerAuth()
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @ApiOperation({ summary: '程序列表（读模型；按类型、小区、阶段、状态、逾期筛选）' })
  @ApiOkPage(ProcedureResponse, { capped: true })
  @ApiRefusals([
    400,
    '查询参数不合法（VALIDATION_FAILED）、辖区代码不存在（UNKNOWN_JURISDICTION）或页码超出前 10,000 条（PAGE_BEYOND_CAP）',
  ])
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ProcedureListQuery) {
    return this.procedures.list(principal, query);
  }

  @Get('types')
  @ApiOperation({ summary: '程序类型及其阶段（按流程声明的顺序），供筛选和阶段图使用' })
  @ApiOkResponse({ type: [ProcedureTypeResponse] })
  types(): ProcedureTypeResponse[] {
    return procedureTypes();
  }

  @Get(':workflowId')
  @ApiOperation({ summary: '程序详情与时间线（Temporal 历史清理后仍可从数据库读取）' })
  @ApiOkResponse({ type: ProcedureDetailResponse })
  @ApiRefusals([404, '程序不存在或不在您的辖区内（PROCEDURE_NOT_FOUND）'])
  async detail(@CurrentPrincipal() principal: Principal, @Param('workflowId') workflowId: string) {
    return this.procedures.detail(principal, workflowId);
  }
}
