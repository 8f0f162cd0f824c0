import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { JOINT_ENFORCEMENT_STAGES, type JointEnforcementStage } from '../../../../libs/contracts/src/joint-enforcement';
import {
  ENFORCEMENT_ACTIONS,
  ENFORCEMENT_DEPARTMENT_KINDS,
  ENFORCEMENT_MATTERS,
  type EnforcementAction,
  type EnforcementDepartmentKind,
  type EnforcementMatter,
} from '../../../../libs/domain/src/joint-enforcement';
import { EscalationRecordDto, labelledEnum } from '../common/openapi';
import { EstateRecordsQuery, OptionalOneOf } from '../common/pagination';

export class BlowWhistleRequest {
  @ApiProperty({ format: 'uuid', description: '问题所在小区' })
  @IsUUID()
  estateId!: string;

  @ApiProperty({ title: '执法事项', ...labelledEnum(ENFORCEMENT_MATTERS) })
  @IsIn(Object.keys(ENFORCEMENT_MATTERS))
  matter!: EnforcementMatter;

  @ApiPropertyOptional({
    title: '点名的执法部门',
    type: [String],
    minItems: 1,
    maxItems: 4,
    description: '按执法事项清单点名；不填时为清单中该事项的部门',
    items: { type: 'string', ...labelledEnum(ENFORCEMENT_DEPARTMENT_KINDS) },
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(Object.keys(ENFORCEMENT_DEPARTMENT_KINDS), { each: true })
  departmentKinds?: EnforcementDepartmentKind[];

  @ApiProperty({ title: '问题位置', example: '3号楼架空层', minLength: 2, maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  location!: string;

  @ApiProperty({ title: '问题情况（证据）', example: '架空层堆放电动车并飞线充电', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  evidence!: string;

  @ApiPropertyOptional({ format: 'uuid', description: '由哪件投诉引出（投诉详情将显示本吹哨）' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;
}

export class AcknowledgeWhistleRequest {
  @ApiPropertyOptional({ title: '说明', maxLength: 500, example: '已派员前往现场' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReportWhistleOutcomeRequest {
  @ApiProperty({ title: '处置方式', ...labelledEnum(ENFORCEMENT_ACTIONS) })
  @IsIn(Object.keys(ENFORCEMENT_ACTIONS))
  action!: EnforcementAction;

  @ApiProperty({ title: '处置结果', minLength: 4, maxLength: 2000, example: '责令限期拆除，已立案处罚' })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  outcome!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    title: '涉及的物业服务企业',
    description: '处罚涉及企业时填写：抄告其信用档案（谁查处，谁抄告）',
  })
  @IsOptional()
  @IsUUID()
  firmOrganisationId?: string;
}

export class ConfirmWhistleClosureRequest {
  @ApiPropertyOptional({ title: '确认意见', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WhistleListQuery extends EstateRecordsQuery {
  @OptionalOneOf(Object.keys(ENFORCEMENT_MATTERS))
  matter?: string;

  @OptionalOneOf(Object.keys(JOINT_ENFORCEMENT_STAGES))
  stage?: string;

  @OptionalOneOf(['running', 'completed'], { description: '办理中或已办结' })
  status?: 'running' | 'completed';

  @ApiPropertyOptional({ format: 'uuid', description: '被点名的部门' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @OptionalOneOf(['blownAt', 'dueAt'], { default: 'blownAt', description: '排序字段' })
  sort: 'blownAt' | 'dueAt' = 'blownAt';
}

export class WhistleBlownResponse {
  @ApiProperty({ format: 'uuid' }) whistleId!: string;
  @ApiProperty({ example: 'joint-enforcement-2b1e…' }) workflowId!: string;
}

export class WhistleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_MATTERS) }) matter!: EnforcementMatter;
  @ApiProperty() matterLabel!: string;
  @ApiProperty() location!: string;
  @ApiProperty() evidence!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '引出本吹哨的投诉' })
  complaintId!: string | null;
  @ApiProperty({ format: 'uuid' }) callerOrganisationId!: string;
  @ApiProperty({ description: '吹哨的社区或街道' }) callerName!: string;
  @ApiProperty({ enum: Object.keys(JOINT_ENFORCEMENT_STAGES) }) stage!: JointEnforcementStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) blownAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

class WhistleDepartmentDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_DEPARTMENT_KINDS) }) kind!: EnforcementDepartmentKind;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '报到时间' })
  acknowledgedAt!: string | null;
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_ACTIONS), nullable: true }) action!: EnforcementAction | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) firmOrganisationId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reportedAt!: string | null;
}

class NamedWhistleDepartmentDto extends WhistleDepartmentDto {
  @ApiProperty() name!: string;
}

export class WhistleDetailResponse extends WhistleResponse {
  @ApiProperty({ type: [NamedWhistleDepartmentDto], description: '被点名部门的报到与处置' })
  departments!: NamedWhistleDepartmentDto[];
}

/** The workflow's state after a step. */
export class WhistleStateResponse {
  @ApiProperty({ enum: Object.keys(JOINT_ENFORCEMENT_STAGES) }) stage!: JointEnforcementStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: [WhistleDepartmentDto] }) departments!: WhistleDepartmentDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class WhistleFiguresResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: 'integer', description: '吹哨' }) whistles!: number;
  @ApiProperty({ type: 'integer', description: '各部门均报告处置结果并确认办结' }) closedWithOutcome!: number;
  @ApiProperty({ type: Number, nullable: true, description: '执法到位率（%）' }) attendanceRatePercent!: number | null;
  @ApiProperty({ type: 'integer', description: '联合执法次数' }) jointOperationsHeld!: number;
  @ApiProperty({ type: 'integer', description: '本地每街道每月最少联合执法次数' }) jointOperationsMinimum!: number;
  @ApiProperty({ type: [String], description: '本月未达最少次数、已督办的街道代码' }) shortStreets!: string[];
}

// ---- 执法事项清单 ----

export class DirectoryEntryDto {
  @ApiProperty({ title: '执法部门', ...labelledEnum(ENFORCEMENT_DEPARTMENT_KINDS) })
  @IsIn(Object.keys(ENFORCEMENT_DEPARTMENT_KINDS))
  departmentKind!: EnforcementDepartmentKind;

  @ApiProperty({ title: '执法依据', minLength: 4, maxLength: 300, example: '《中华人民共和国消防法》第二十八条' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  legalBasis!: string;

  @ApiProperty({ title: '部门公开联系电话', pattern: '^[0-9+-]{3,20}$', example: '0595-22000119' })
  @Matches(/^[0-9+-]{3,20}$/)
  contactPhone!: string;
}

export class SetDirectoryMatterRequest {
  @ApiProperty({ type: [DirectoryEntryDto], maxItems: 4, description: '本街道该事项的部门；空列表则沿用上级清单' })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => DirectoryEntryDto)
  entries!: DirectoryEntryDto[];
}

export class DirectoryEntryResponse {
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_MATTERS) }) matter!: EnforcementMatter;
  @ApiProperty() matterLabel!: string;
  @ApiProperty({ enum: Object.keys(ENFORCEMENT_DEPARTMENT_KINDS) }) departmentKind!: EnforcementDepartmentKind;
  @ApiProperty() departmentKindLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: '本辖区该类部门' }) departmentName!: string | null;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ description: '部门公开联系电话（不含个人信息）' }) contactPhone!: string;
  @ApiProperty({ description: '清单所属辖区' }) jurisdictionCode!: string;
}

export class EnforcementDirectoryResponse {
  @ApiProperty() estateName!: string;
  @ApiProperty({ type: [DirectoryEntryResponse] }) entries!: DirectoryEntryResponse[];
}

// ---- 联合执法 ----

export class LogJointOperationRequest {
  @ApiProperty(labelledEnum({ joint: '联合执法', patrol: '部门巡查' }))
  @IsIn(['joint', 'patrol'])
  kind!: 'joint' | 'patrol';

  @ApiProperty({ description: '街道代码', example: '350582002', pattern: '^\\d{9}$' })
  @Matches(/^\d{9}$/)
  streetCode!: string;

  @ApiProperty({ description: '日期（北京时间）', example: '2026-11-12', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  heldOn!: string;

  @ApiProperty({ type: [String], description: '参加的执法部门', minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  departmentIds!: string[];

  @ApiProperty({ type: [String], description: '走访的小区', minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  estateIds!: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class JointOperationLoggedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class JointOperationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['joint', 'patrol'] }) kind!: string;
  @ApiProperty() streetCode!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ example: '2026-11-12' }) heldOn!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [String] }) departmentIds!: string[];
  @ApiProperty({ type: [String] }) departmentNames!: string[];
  @ApiProperty({ type: [String] }) estateIds!: string[];
  @ApiProperty({ type: [String] }) estateNames!: string[];
}

export class JointOperationsCalendarResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: [JointOperationResponse] }) items!: JointOperationResponse[];
}

// ---- the credit file ----

class CreditEntryDto {
  @ApiProperty({ description: '来源流程（工作流 id）' }) sourceWorkflowId!: string;
  @ApiProperty({ type: 'integer', description: '分值（扣分为负）' }) points!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class CreditFileResponse {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: '合计分值' }) total!: number;
  @ApiProperty({ type: [CreditEntryDto] }) entries!: CreditEntryDto[];
}
