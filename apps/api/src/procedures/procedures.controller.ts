import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { PROCEDURE_TYPES } from '../../../../libs/contracts/src/procedures';
import { ProcedureEntity } from '../../../../libs/persistence/src/entities';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { scopeEstates } from '../registry/estate-scope';
import { filterPathOf } from '../registry/jurisdiction-filter';
import { ProcedureDetailResponse, ProcedureResponse } from './procedures.dto';

class ProcedureListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Object.keys(PROCEDURE_TYPES) })
  @IsOptional()
  @IsIn(Object.keys(PROCEDURE_TYPES))
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
}

@ApiTags('程序（办件）')
@ApiBearerAuth()
@Controller('procedures')
export class ProceduresController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private visible(principal: Principal) {
    const qb = this.dataSource
      .getRepository(ProcedureEntity)
      .createQueryBuilder('p')
      .innerJoin('estates', 'e', 'e.id = p.estate_id');
    return scopeEstates(qb, 'e', principal);
  }

  @Get()
  @ApiOperation({ summary: '程序列表（读模型；按类型、小区、阶段、逾期筛选）' })
  @ApiOkPage(ProcedureResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ProcedureListQuery) {
    const qb = this.visible(principal);
    if (query.type) qb.andWhere('p.procedure_type = :type', { type: query.type });
    if (query.estateId) qb.andWhere('p.estate_id = :estateId', { estateId: query.estateId });
    if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.jurisdictionCode) {
      qb.andWhere('p.jurisdiction_path LIKE :filterPath', {
        filterPath: `${await filterPathOf(this.dataSource, query.jurisdictionCode)}%`,
      });
    }
    if (query.overdue) qb.andWhere(`p.status = 'running' AND p.due_at < now()`);
    const [items, total] = await qb
      .orderBy('p.updatedAt', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  @Get(':workflowId')
  @ApiOperation({ summary: '程序详情与时间线（Temporal 历史清理后仍可从数据库读取）' })
  @ApiOkResponse({ type: ProcedureDetailResponse })
  @ApiRefusals([404, '程序不存在或不在您的辖区内（PROCEDURE_NOT_FOUND）'])
  async detail(@CurrentPrincipal() principal: Principal, @Param('workflowId') workflowId: string) {
    const procedure = await this.visible(principal).andWhere('p.workflow_id = :workflowId', { workflowId }).getOne();
    if (!procedure) throw notFound('PROCEDURE_NOT_FOUND', '程序不存在或不在您的辖区内');
    const timeline = await this.dataSource.query(
      `SELECT seq, stage, stage_label AS "stageLabel", note, actor_user_id AS "actorUserId", actor_role AS "actorRole",
              occurred_at AS "occurredAt"
         FROM procedure_events WHERE workflow_id = $1 ORDER BY seq`,
      [workflowId],
    );
    return { ...procedure, timeline };
  }
}
