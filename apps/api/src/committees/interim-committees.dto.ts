import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INTERIM_COMMITTEE_STAGES, type InterimCommitteeStage } from '../../../../libs/contracts/src/interim-committee';
import { INTERIM_HANDOVER_ITEMS, type InterimHandoverItem } from '../../../../libs/domain/src/interim-committee';
import { EscalationRecordDto, labelledEnum } from '../common/openapi';
import { TemporaryMemberDto, VerdictDto } from './committees.dto';

export class StartInterimCommitteesRequest {
  @ApiProperty({
    title: '小区',
    description: '为不具备组建条件的小区组建物管会：所列小区均须尚不符合业委会组建条件，且无在任业委会或物管会',
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 100,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  estateIds!: string[];
}

export class NameInterimMembersRequest {
  @ApiProperty({
    title: '物管会成员',
    type: [TemporaryMemberDto],
    description: '街道、居（村）委会、业主代表（不少于一半）、建设单位等；主任由街道或居委会代表担任',
    minItems: 1,
    maxItems: 51,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => TemporaryMemberDto)
  members!: TemporaryMemberDto[];
}

export class ReviewInterimMembersRequest {
  @ApiProperty({ title: '逐人审查意见（业主代表）', type: [VerdictDto], minItems: 1, maxItems: 51 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => VerdictDto)
  verdicts!: VerdictDto[];
}

export class FileInterimCommitteeRequest {
  @ApiProperty({ title: '备案号', example: '洛江物管备〔2026〕3号', minLength: 2, maxLength: 60 })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  filingNumber!: string;
}

export class ConfirmInterimHandoverRequest {
  @ApiProperty({
    title: '已移交事项',
    ...labelledEnum(INTERIM_HANDOVER_ITEMS),
    isArray: true,
    maxItems: 10,
    description: '印章、档案资料、财物及账目、合同文书，须全部移交',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(Object.keys(INTERIM_HANDOVER_ITEMS), { each: true })
  items!: InterimHandoverItem[];

  @ApiProperty({ title: '移交情况', example: '印章2枚、档案3盒已交业委会主任签收', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class InterimStartedRowResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'interim-committee-…' }) workflowId!: string;
}

export class InterimCommitteesStartedResponse {
  @ApiProperty({ type: [InterimStartedRowResponse] }) started!: InterimStartedRowResponse[];
}

export class UncoveredEstateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ description: '是否符合业委会组建条件（闽条例第九条）' }) eligible!: boolean;
  @ApiProperty({ description: '判断依据' }) reason!: string;
}

/** A 物管会's workflow state (InterimCommitteeState); people appear by id only. */
export class InterimCommitteeStateResponse {
  @ApiProperty({ enum: Object.keys(INTERIM_COMMITTEE_STAGES) }) stage!: InterimCommitteeStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) committeeId!: string | null;
  @ApiProperty({ type: [String] }) memberIds!: string[];
  @ApiProperty({ type: [String], description: '须资格联审的业主代表' }) ownerMemberIds!: string[];
  @ApiProperty({ type: [String], description: '本轮资格联审尚未答复的部门' }) pendingReviews!: string[];
  @ApiProperty({ type: [String], description: '上一轮未通过资格联审的业主代表' }) refusedMemberIds!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) termEnd!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '任期届满提醒日' })
  reminderOn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '备案后使物管会解散的业委会' })
  successorCommitteeId!: string | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}
