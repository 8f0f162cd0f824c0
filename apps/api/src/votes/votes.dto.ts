import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { labelledEnum } from '../common/openapi';
import { OptionalOneOf } from '../common/pagination';
import { OWNERS_VOTE_STAGES } from '../../../../libs/contracts/src/owners-vote';
import {
  MATTER_ITEM_IDS,
  MATTER_ITEMS,
  MATTERS,
  VOTE_INTERVENTIONS,
  type Matter,
  type MatterItem,
} from '../../../../libs/domain/src/owners-decision';

export class StartVoteRequest {
  @ApiProperty({
    enum: MATTER_ITEM_IDS,
    description: `民法典第278条第一款所列事项；表决规则随事项而定（第(6)(7)(8)项为特别事项）：${MATTER_ITEM_IDS.map((id) => `${id}＝(${MATTER_ITEMS[id].item})${MATTER_ITEMS[id].label}`).join('；')}`,
  })
  @IsIn(MATTER_ITEM_IDS)
  matterItem!: MatterItem;

  @ApiProperty({ example: '是否同意使用维修资金更换2号楼电梯', minLength: 4, maxLength: 200 })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  question!: string;

  @ApiPropertyOptional({
    description: '表决范围内的楼栋（列支范围）；不填为全体业主',
    type: [String],
    format: 'uuid',
    maxItems: 500,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  buildingIds?: string[];

  @ApiPropertyOptional({
    description: '选举：候选人名单（按公示顺序，每人不超过 60 字）；填写时为选举，须为一般事项',
    example: ['候选人甲', '候选人乙', '候选人丙'],
    type: [String],
    minItems: 1,
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  candidates?: string[];

  @ApiPropertyOptional({
    description: '选举：应选人数（业委会 5–11 人）',
    example: 5,
    type: 'integer',
    minimum: 1,
    maximum: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  seats?: number;
}

/** What a ballot says: a choice on a question, or the candidates picked in an election. */
class BallotContent {
  @OptionalOneOf(['yes', 'no', 'abstain'], { description: '表决事项的意见（选举时不填）' })
  choice?: 'yes' | 'no' | 'abstain';

  @ApiPropertyOptional({
    description: '选举：所选候选人 id（不超过应选人数；空数组为弃权票）',
    type: [String],
    format: 'uuid',
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  candidateIds?: string[];
}

export class CastBallotRequest extends BallotContent {
  @ApiProperty({ description: '身份证号（实名核验）', pattern: '^[0-9]{17}[0-9Xx]$' })
  @Matches(/^[0-9]{17}[0-9Xx]$/)
  idNumber!: string;

  @ApiProperty({ description: '不动产权证号（实名核验）', minLength: 4, maxLength: 40 })
  @IsString()
  @MinLength(4)
  @MaxLength(40)
  certificateNo!: string;
}

export class RaiseObjectionRequest {
  @ApiPropertyOptional({ description: '所涉房屋（不填为对名册的一般异议）', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ example: '本户实测面积为 98.36 平方米，名册记为 89.36', minLength: 4, maxLength: 500 })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

export class AnswerObjectionRequest {
  @ApiProperty({ description: '是否采纳' })
  @IsBoolean()
  accepted!: boolean;

  @ApiProperty({ example: '经核对不动产登记簿，更正为 98.36 平方米', minLength: 2, maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  answer!: string;

  @ApiPropertyOptional({
    description: '采纳时更正的专有部分面积（平方米，最多两位小数）',
    example: '98.36',
    pattern: '^(0|[1-9]\\d{0,9})(\\.\\d{1,2})?$',
  })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/)
  correctedArea?: string;
}

export class RecordBallotRequest extends BallotContent {
  @ApiProperty({
    enum: ['proxy', 'paper'],
    description: 'proxy：代理人投票（附授权委托书）；paper：纸质表决票（附扫描件）',
  })
  @IsIn(['proxy', 'paper'])
  channel!: 'proxy' | 'paper';

  @ApiProperty({ description: '名册中的房屋', format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ description: '已为该房屋上传的授权委托书或表决票扫描件', format: 'uuid' })
  @IsUUID()
  documentId!: string;
}

export class UploadVoteDocumentRequest {
  @ApiProperty({ enum: ['proxy_authorisation', 'paper_ballot'] })
  @IsIn(['proxy_authorisation', 'paper_ballot'])
  kind!: 'proxy_authorisation' | 'paper_ballot';

  @ApiProperty({ description: '名册中的房屋', format: 'uuid' })
  @IsUUID()
  unitId!: string;
}

const MATTER_ITEM_PROPERTY = {
  enum: MATTER_ITEM_IDS,
  nullable: true,
  description: '民法典第278条第一款的事项（记录事项之前发起的表决为空）',
} as const;

export class VoteInterventionRequest {
  @ApiProperty({ enum: Object.keys(VOTE_INTERVENTIONS), description: 'correction：责令限期改正；revocation：撤销决定' })
  @IsIn(Object.keys(VOTE_INTERVENTIONS))
  kind!: keyof typeof VOTE_INTERVENTIONS;

  @ApiProperty({ example: '表决事项违反《物业管理条例》第十一条，应由业主大会依法表决', minLength: 4, maxLength: 500 })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

export class VoteInterventionResponse {
  @ApiProperty({ enum: Object.keys(VOTE_INTERVENTIONS) }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'integer', description: '已通告的业主人数' }) ownersNotified!: number;
  @ApiProperty({
    description: '撤销决定已通知该表决所属的程序（维修资金使用、续筹、业委会组建），由其停止依赖该决定的办理',
  })
  procedureTold!: boolean;
}

export class VoteInterventionEntryResponse {
  @ApiProperty({ enum: Object.keys(VOTE_INTERVENTIONS) }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['street_office', 'housing_bureau'] }) orderedByRole!: string;
  @ApiProperty({ format: 'date-time' }) orderedAt!: string;
}

export class VoteStartedResponse {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ example: 'owners-vote-…' }) workflowId!: string;
}

/** The count of one question (libs/domain/src/owners-decision.ts Tally); areas in m² with two decimals. */
export class TallyResponse {
  @ApiProperty({ example: '98000.50' }) totalArea!: string;
  @ApiProperty({ type: 'integer' }) totalHeads!: number;
  @ApiProperty() participatingArea!: string;
  @ApiProperty({ type: 'integer' }) participatingHeads!: number;
  @ApiProperty() yesArea!: string;
  @ApiProperty({ type: 'integer' }) yesHeads!: number;
  @ApiProperty({ description: '参与表决的面积与人数均达三分之二' }) quorumMet!: boolean;
  @ApiProperty() passed!: boolean;
}

export class CandidateResultResponse {
  @ApiProperty({ format: 'uuid' }) candidateId!: string;
  @ApiProperty({ type: TallyResponse }) tally!: TallyResponse;
  @ApiProperty() elected!: boolean;
  @ApiPropertyOptional({ description: '候选人姓名（仅结果公示）' }) name?: string;
}

const VOTE_RESULT = {
  nullable: true,
  description: '计票结果：表决事项为一个计票，选举为各候选人的计票；计票前为空',
  oneOf: [
    { $ref: getSchemaPath(TallyResponse) },
    { type: 'array', items: { $ref: getSchemaPath(CandidateResultResponse) } },
  ],
};

export class VoteCandidateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class VoteTurnoutResponse {
  @ApiProperty({ type: 'integer', description: '已投票的表决主体数' }) votedHeads!: number;
  @ApiProperty({ type: 'integer' }) proxyBallots!: number;
  @ApiProperty({ type: 'integer' }) paperBallots!: number;
  @ApiProperty({ example: '4520.30' }) votedArea!: string;
}

/** A share the law requires (libs/domain/src/owners-decision.ts Threshold): at least, or more than, n/d. */
export class ThresholdResponse {
  @ApiProperty({ type: 'integer', example: 2 }) numerator!: number;
  @ApiProperty({ type: 'integer', example: 3 }) denominator!: number;
  @ApiProperty({ description: 'true：达到即可（“以上”）；false：须超过（“过半数”）' }) inclusive!: boolean;
}

export class DecisionRuleResponse {
  @ApiProperty({ type: ThresholdResponse, description: '参与表决的面积占总面积、人数占总人数，各须达到' })
  participation!: ThresholdResponse;
  @ApiProperty({ type: ThresholdResponse, description: '同意的面积、人数各占 approvalOf 所指的面积、人数，各须达到' })
  approval!: ThresholdResponse;
  @ApiProperty({
    enum: ['participants', 'all'],
    description:
      'participants：占参与表决的面积和人数（民法典第二百七十八条）；all：占表决范围内全体（165号令第二十二条）',
  })
  approvalOf!: 'participants' | 'all';
}

export class VoteSettledResponse {
  @ApiProperty({ description: '剩余业主无论如何投票都不能改变结果（可提前结束投票）' }) settled!: boolean;
  @ApiProperty({ description: '按目前票数是否通过（选举时无意义，为 false）' }) passed!: boolean;
}

export class VoteSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ ...labelledEnum(MATTERS) }) matter!: string;
  @ApiProperty({ ...MATTER_ITEM_PROPERTY }) matterItem!: string | null;
  @ApiProperty({ enum: ['question', 'election'] }) kind!: string;
  @ApiProperty({ enum: ['notice', 'open', 'closed', 'published'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

@ApiExtraModels(TallyResponse, CandidateResultResponse)
export class VoteDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ ...labelledEnum(MATTERS), description: '表决规则类别，随事项而定' }) matter!: Matter;
  @ApiProperty({ ...MATTER_ITEM_PROPERTY }) matterItem!: string | null;
  @ApiProperty({ enum: ['question', 'election'] }) kind!: 'question' | 'election';
  @ApiProperty({ type: 'integer', nullable: true, description: '选举的应选人数' }) seats!: number | null;
  @ApiProperty() question!: string;
  @ApiProperty({ enum: ['notice', 'open', 'closed', 'published'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty(VOTE_RESULT) result!: TallyResponse | CandidateResultResponse[] | null;
  @ApiProperty({ description: '本地规定是否允许在结果确定后提前结束投票' }) allowEarlyClose!: boolean;
  @ApiProperty({ type: [VoteCandidateResponse], nullable: true, description: '选举的候选人（按公示顺序）' })
  candidates!: VoteCandidateResponse[] | null;
  @ApiProperty({ type: 'integer' }) totalHeads!: number;
  @ApiProperty() totalArea!: string;
  @ApiProperty({ type: DecisionRuleResponse, description: '本事项的表决规则（参与与同意的比例）' })
  rule!: DecisionRuleResponse;
  @ApiProperty({
    type: [VoteInterventionEntryResponse],
    description: '街道或主管部门责令改正、撤销该决定的记录（条例第十九条）',
  })
  interventions!: VoteInterventionEntryResponse[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      '业主可请求人民法院撤销该决定的最后一日（民法典第二百八十条：知道之日起一年，自计票公示之日起算）；计票前为空',
  })
  revocableByCourtUntil!: string | null;
  @ApiPropertyOptional({ type: VoteTurnoutResponse, description: '实时参与情况（仅政府部门）' })
  turnout?: VoteTurnoutResponse;
  @ApiPropertyOptional({
    type: VoteSettledResponse,
    description: '投票中：结果是否已确定（仅政府部门；已确定时组织方可提前结束投票）',
  })
  settled?: VoteSettledResponse;
}

export class BallotResponse {
  @ApiProperty({ format: 'uuid' }) ballotId!: string;
  @ApiProperty({ enum: ['online', 'proxy', 'paper'] }) channel!: 'online' | 'proxy' | 'paper';
  @ApiProperty({ enum: ['yes', 'no', 'abstain'], nullable: true }) choice!: 'yes' | 'no' | 'abstain' | null;
  @ApiProperty({ type: [String], nullable: true }) candidateIds!: string[] | null;
}

/** The current state of the vote's workflow. */
export class OwnersVoteStateResponse {
  @ApiProperty({ enum: Object.keys(OWNERS_VOTE_STAGES) }) stage!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty() closedEarly!: boolean;
  @ApiProperty({ type: TallyResponse, nullable: true }) tally!: TallyResponse | null;
  @ApiProperty({ type: [CandidateResultResponse], nullable: true }) election!: CandidateResultResponse[] | null;
}

export class ParticipatingRoomResponse {
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
  @ApiProperty({ enum: ['online', 'proxy', 'paper'] }) channel!: string;
}

@ApiExtraModels(TallyResponse, CandidateResultResponse)
export class VoteResultNoticeResponse {
  @ApiProperty() question!: string;
  @ApiProperty({ ...labelledEnum(MATTERS) }) matter!: string;
  @ApiProperty({ enum: ['question', 'election'] }) kind!: string;
  @ApiProperty({ enum: ['notice', 'open', 'closed', 'published'] }) status!: string;
  @ApiProperty({ ...VOTE_RESULT, nullable: false }) result!: TallyResponse | CandidateResultResponse[];
  @ApiProperty({ type: [ParticipatingRoomResponse] }) participatingRooms!: ParticipatingRoomResponse[];
}

export class RollEntryResponse {
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
  @ApiProperty({ format: 'uuid' }) votingSubjectId!: string;
}

export class ObjectionRaisedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open'] }) status!: string;
}

export class ObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'accepted', 'rejected'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true }) correctedArea!: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

export class ObjectionAnsweredResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) correctedArea!: string | null;
}
