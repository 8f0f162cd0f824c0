import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PROCEDURE_TYPES } from '../../../../libs/contracts/src/procedures';
import { ROLES } from '../../../../libs/domain/src/roles';
import { DEAD_LETTER_ORDERS } from '../../../../libs/persistence/src/notifications';
import { STUCK_ACTIVITY_ORDERS } from '../../../../libs/persistence/src/stuck-activities';
import { PageQuery, OptionalOneOf } from '../common/pagination';

const CHANNELS = ['in_app', 'sms', 'wechat'];

export class DeadLetterQuery extends PageQuery {
  @OptionalOneOf(CHANNELS, { description: '通知渠道' })
  channel?: string;

  @OptionalOneOf(Object.keys(PROCEDURE_TYPES), { description: '所属程序的类型' })
  procedureType?: string;

  @ApiPropertyOptional({ description: '所属程序', pattern: '^[a-z0-9-]{1,200}$' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,200}$/)
  workflowId?: string;

  @ApiPropertyOptional({
    enum: Object.keys(DEAD_LETTER_ORDERS),
    default: '-deadAt',
    description: 'deadAt：按转入死信的时间；attempts：按尝试次数；前加 - 为倒序',
  })
  @IsOptional()
  @IsIn(Object.keys(DEAD_LETTER_ORDERS))
  sort: keyof typeof DEAD_LETTER_ORDERS = '-deadAt';
}

export class DeadLetterResponse {
  @ApiProperty({ example: '1024', description: '消息编号' }) id!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: Object.keys(ROLES), description: '收件角色' }) recipientRole!: string;
  @ApiProperty({ type: String, nullable: true, description: '收件单位' }) recipientOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所属程序' }) workflowId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '湖景豪园 小区摸底建档' }) procedureTitle!: string | null;
  @ApiProperty({ description: '标题（手机号、身份证号已遮蔽）' }) title!: string;
  @ApiProperty({ description: '正文（手机号、身份证号已遮蔽）' }) body!: string;
  @ApiProperty({ type: 'integer', description: '已尝试次数' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: '最后一次失败的原因（已遮蔽）' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', description: '转入死信的时间' }) deadAt!: string;
}

export class RequeuedNotificationResponse {
  @ApiProperty({ example: '1024' }) id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
  @ApiProperty({ format: 'date-time', description: '下次尝试时间（即刻）' }) nextAttemptAt!: string;
}

export class StuckProcedureQuery extends PageQuery {
  @ApiPropertyOptional({
    description: '工作流类型（Temporal 的 workflow type）',
    pattern: '^[A-Za-z][A-Za-z0-9_]{0,127}$',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,127}$/)
  workflowType?: string;

  @ApiPropertyOptional({
    enum: Object.keys(STUCK_ACTIVITY_ORDERS),
    default: '-lastSeenAt',
    description: 'lastSeenAt：按最近一次失败的时间；attempt：按尝试次数；前加 - 为倒序',
  })
  @IsOptional()
  @IsIn(Object.keys(STUCK_ACTIVITY_ORDERS))
  sort: keyof typeof STUCK_ACTIVITY_ORDERS = '-lastSeenAt';
}

export class StuckProcedureResponse {
  @ApiProperty({ example: 'estate-survey-2b1e…', description: '程序编号（GET /procedures/{workflowId}）' })
  workflowId!: string;
  @ApiProperty({ description: '工作流运行编号' }) runId!: string;
  @ApiProperty({ description: '活动编号（同一运行内唯一）' }) activityId!: string;
  @ApiProperty({ example: 'estateSurvey' }) workflowType!: string;
  @ApiProperty({ example: 'recordProcedureStep' }) activityType!: string;
  @ApiProperty({ type: String, nullable: true, description: '程序标题（读模型中没有的为空）' })
  procedureTitle!: string | null;
  @ApiProperty({ type: 'integer', description: '最近一次失败的尝试序号' }) attempt!: number;
  @ApiProperty({ description: '最近一次失败的原因（截断、已遮蔽）' }) lastError!: string;
  @ApiProperty({ format: 'date-time', description: '首次超过阈值的时间' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time', description: '最近一次失败的时间' }) lastSeenAt!: string;
}
