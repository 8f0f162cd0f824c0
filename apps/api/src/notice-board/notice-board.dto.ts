import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PREP_GROUP_SIDES } from '../../../../libs/domain/src/committee';
import { EXIT_GROUNDS } from '../../../../libs/domain/src/firm-exit';
import { MATTERS } from '../../../../libs/domain/src/owners-decision';
import { PostedRollResponse } from '../committees/committees.dto';
import { labelledEnum } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { ApportionmentResponse } from '../maintenance-fund/maintenance-fund.dto';
import { DisclosureResponse } from '../public-income/public-income.dto';
import { DecisionRuleResponse, TallyResponse } from '../votes/votes.dto';

/** An election's count as posted: candidates by their place on the list, never by name or id. */
export class PostedCandidateResultResponse {
  @ApiProperty({ type: 'integer', description: '候选人在名单中的序号（从 1 起）' }) ordinal!: number;
  @ApiProperty({ type: TallyResponse }) tally!: TallyResponse;
  @ApiProperty() elected!: boolean;
}

@ApiExtraModels(TallyResponse, PostedCandidateResultResponse)
export class PostedVoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '表决事项' }) question!: string;
  @ApiProperty({ ...labelledEnum(MATTERS) }) matter!: string;
  @ApiProperty({ enum: ['question', 'election'] }) kind!: string;
  @ApiProperty({ type: 'integer', nullable: true }) seats!: number | null;
  @ApiProperty({
    enum: ['notice', 'open', 'closed', 'published'],
    description: 'notice：投票通知公告；open：投票中；closed：结果公示中；published：公示期满',
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '投票实际结束时间' })
  closedAt!: string | null;
  @ApiProperty({ type: 'integer', description: '名册中的房屋数' }) rollUnits!: number;
  @ApiProperty({ description: '名册中的专有部分总面积' }) rollArea!: string;
  @ApiProperty({ type: DecisionRuleResponse }) rule!: DecisionRuleResponse;
  @ApiProperty({
    nullable: true,
    description: '计票结果（计票后）：表决事项为一个计票，选举为各候选人（按序号）的计票',
    oneOf: [
      { $ref: getSchemaPath(TallyResponse) },
      { type: 'array', items: { $ref: getSchemaPath(PostedCandidateResultResponse) } },
    ],
  })
  result!: TallyResponse | PostedCandidateResultResponse[] | null;
}

export class PostedCommitteeResponse {
  @ApiProperty({ enum: ['owners_committee', 'property_committee'] }) kind!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date' }) termStart!: string;
  @ApiProperty({ format: 'date' }) termEnd!: string;
  @ApiProperty({ type: String, nullable: true, description: '备案号' }) filingNumber!: string | null;
}

export class PostedProcedureResponse {
  @ApiProperty({ enum: ['committee-formation', 'maintenance-fund-use'] }) procedureType!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '本阶段截止' }) dueAt!: string | null;
}

export class PostedPrepSideResponse {
  @ApiProperty({ ...labelledEnum(PREP_GROUP_SIDES) }) side!: string;
  @ApiProperty({ type: 'integer' }) members!: number;
}

export class PostedObjectionCountResponse {
  @ApiProperty({ type: 'integer', description: '待街道答复' }) open!: number;
  @ApiProperty({ type: 'integer', description: '已答复' }) answered!: number;
}

/** The formation's posting as the gate shows it: dates and counts, no name (those are for the estate's owners). */
export class PostedFormationNoticeResponse {
  @ApiProperty({ format: 'date' }) postedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) meetingDate!: string | null;
  @ApiProperty({ type: PostedRollResponse }) roll!: PostedRollResponse;
  @ApiProperty({ type: [PostedPrepSideResponse], description: '筹备组各方人数' }) prepGroup!: PostedPrepSideResponse[];
  @ApiProperty({ type: 'integer', description: '资格联审通过的候选人数' }) candidates!: number;
  @ApiProperty({ type: PostedObjectionCountResponse }) objections!: PostedObjectionCountResponse;
}

export class PostedFormationResponse extends PostedProcedureResponse {
  @ApiPropertyOptional({ type: PostedFormationNoticeResponse, description: '公示（公示之后）' })
  posting?: PostedFormationNoticeResponse;
}

export class PostedFundUseResponse extends PostedProcedureResponse {
  @ApiProperty({ enum: ['normal', 'emergency'] }) kind!: string;
  @ApiPropertyOptional({ type: ApportionmentResponse, description: '分摊清册（公示阶段）' })
  apportionment?: ApportionmentResponse;
}

/** A running 清退 as posted (民法典 art 278 (4): the owners decide): the firm, the ground in figures, the stage. */
export class PostedFirmExitResponse {
  @ApiProperty() firmName!: string;
  @ApiProperty({ ...labelledEnum(EXIT_GROUNDS) }) ground!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '本小区考评连续不达标月数' }) failedMonths!:
    number | null;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '本阶段截止' }) dueAt!: string | null;
}

/** 公共收益 as posted: the latest periods' figures and how the owners' questions stand, in money and counts. */
export class PostedPublicIncomeResponse {
  @ApiProperty({ type: [DisclosureResponse], description: '最近 4 个期间的公示（收入、成本、净收益、分配，单位：分）' })
  disclosures!: DisclosureResponse[];
  @ApiProperty({ type: PostedObjectionCountResponse, description: '业主提问：待答复、已答复' })
  questions!: PostedObjectionCountResponse;
}

export class NoticeBoardResponse {
  @ApiProperty() estateName!: string;
  @ApiProperty({ description: '所在社区（村）' }) jurisdictionName!: string;
  @ApiProperty({ type: [PostedVoteResponse], description: '表决公告、投票中、结果公示，以及最近 5 项已期满的结果' })
  votes!: PostedVoteResponse[];
  @ApiProperty({ type: [PostedFundUseResponse], description: '维修资金使用（在办）' })
  fundUses!: PostedFundUseResponse[];
  @ApiProperty({ type: [PostedFormationResponse], description: '业委会组建（在办）' })
  formations!: PostedFormationResponse[];
  @ApiProperty({ type: [PostedFirmExitResponse], description: '物业服务企业清退（在办）' })
  firmExits!: PostedFirmExitResponse[];
  @ApiProperty({ type: [PostedCommitteeResponse], description: '业委会、物管会' })
  committees!: PostedCommitteeResponse[];
  @ApiProperty({ type: PostedPublicIncomeResponse, description: '公共收益公示' })
  publicIncome!: PostedPublicIncomeResponse;
}

export class PostedRoomsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true：只列参与表决的房屋（结果公示）；默认列全部名册（询异公示）' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  participated?: boolean;
}

export class PostedRoomResponse {
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
}
