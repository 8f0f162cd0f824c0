import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FIRM_EXIT_STAGES } from '../../../../libs/contracts/src/firm-exit';
import { EXIT_GROUNDS, HANDOVER_ITEM_KINDS, type HandoverItemKind } from '../../../../libs/domain/src/firm-exit';
import { EscalationRecordDto, labelledEnum, refersTo, RevocationResponse } from '../common/openapi';
import { EstateRecordsQuery, OptionalOneOf } from '../common/pagination';
import { DiagramStageResponse } from '../procedures/procedures.dto';

const ITEM_KINDS = Object.keys(HANDOVER_ITEM_KINDS) as HandoverItemKind[];

export class StartFirmExitRequest {
  @ApiPropertyOptional({
    title: '严重事件',
    description: '未达到连续不达标月数时，写明发生的严重事件（经过、时间、后果）；达到月数的可不填',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  seriousEvent?: string;

  @ApiPropertyOptional({
    title: '事件证据',
    format: 'uuid',
    description: '本小区已上传的文件',
    ...refersTo('document'),
  })
  @IsOptional()
  @IsUUID('4')
  evidenceDocumentId?: string;

  @ApiPropertyOptional({
    title: '接管的物业服务企业',
    format: 'uuid',
    description: '已选聘的继任企业；不填则由业委会接收，没有业委会的由街道（乡镇）代业主接收',
  })
  @IsOptional()
  @IsUUID('4')
  successorOrganisationId?: string;
}

export class FirmExitStartedResponse {
  @ApiProperty({ format: 'uuid' }) exitId!: string;
  @ApiProperty() workflowId!: string;
}

export class ExitHandoverItemRequest {
  @ApiProperty({ title: '类别', ...labelledEnum(HANDOVER_ITEM_KINDS) })
  @IsIn(ITEM_KINDS)
  kind!: HandoverItemKind;

  @ApiProperty({ title: '内容', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  description!: string;

  @ApiPropertyOptional({ title: '金额（分）', type: 'integer', minimum: 0, description: '资金类必填' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;

  @ApiPropertyOptional({ title: '数量', type: 'integer', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity?: number;
}

export class SubmitExitHandoverListRequest {
  @ApiProperty({
    title: '移交清单',
    type: [ExitHandoverItemRequest],
    description: '须包括物业服务所必需的相关资料和物业服务用房（民法典第九百四十九条）',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExitHandoverItemRequest)
  items!: ExitHandoverItemRequest[];
}

export class ItemDecisionRequest {
  @ApiProperty({ title: '项次', type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  itemNo!: number;

  @ApiProperty({ title: '确认移交', description: 'false 为退回' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '退回理由', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ConfirmExitHandoverRequest {
  @ApiProperty({ title: '逐项确认', type: [ItemDecisionRequest], description: '清单每一项各一次' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ItemDecisionRequest)
  decisions!: ItemDecisionRequest[];
}

class ExitHandoverItemDto {
  @ApiProperty({ type: 'integer' }) itemNo!: number;
  @ApiProperty(labelledEnum(HANDOVER_ITEM_KINDS)) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'integer', nullable: true }) amountFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) quantity!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '接收方确认；退回为 false，未确认为空' })
  accepted!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class FirmExitStateResponse {
  @ApiProperty(labelledEnum(FIRM_EXIT_STAGES)) stage!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '业主共同决定（解聘）' })
  voteId!: string | null;
  @ApiProperty({ type: 'integer', description: '移交清单提交轮次' }) round!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['list', 'confirmation'],
    description: 'list：待企业提交移交清单；confirmation：待接收方确认',
  })
  awaiting!: string | null;
  @ApiProperty({ type: [ExitHandoverItemDto], nullable: true }) items!: ExitHandoverItemDto[] | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '退出交接期限（合理期限）' })
  handoverDueAt!: string | null;
  @ApiProperty({ description: '退出交接已逾期' }) late!: boolean;
  @ApiProperty({ type: RevocationResponse, nullable: true, description: '解聘决定被撤销（物业管理条例第十九条）' })
  revocation!: RevocationResponse | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class FirmExitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ format: 'uuid' }) firmId!: string;
  @ApiProperty() firmName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) successorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) successorName!: string | null;
  @ApiProperty(labelledEnum(EXIT_GROUNDS)) ground!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '本小区连续不达标月数' }) failedMonths!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '严重事件' }) reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) evidenceDocumentId!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '业主共同决定是否通过解聘' }) votePassed!: boolean | null;
  @ApiProperty({ type: String, nullable: true, enum: ['completed', 'rejected', 'revoked'] }) outcome!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty(labelledEnum(FIRM_EXIT_STAGES)) stage!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '当前阶段期限' }) dueAt!:
    string | null;
}

export class FirmExitDetailResponse extends FirmExitResponse {
  @ApiProperty({ type: FirmExitStateResponse, nullable: true, description: '流程进行中的状态；已结束为空' })
  state!: FirmExitStateResponse | null;
  @ApiProperty({ type: [DiagramStageResponse], description: '阶段图' }) stages!: DiagramStageResponse[];
}

export class FirmExitListQuery extends EstateRecordsQuery {
  @OptionalOneOf(['running', 'completed'], { description: '办理中或已结束' })
  status?: 'running' | 'completed';

  @OptionalOneOf(Object.keys(FIRM_EXIT_STAGES), { description: '当前阶段' })
  stage?: string;

  @OptionalOneOf(['startedAt', 'dueAt'], { default: 'startedAt', description: '排序字段' })
  sort: 'startedAt' | 'dueAt' = 'startedAt';
}
