import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class StartVoteRequest {
  @ApiProperty({
    enum: ['ordinary', 'special'],
    description: 'special：民法典第278条第(6)(7)(8)项（筹集维修资金、改建重建、改变共有部分用途或经营）',
  })
  @IsIn(['ordinary', 'special'])
  matter!: 'ordinary' | 'special';

  @ApiProperty({ example: '是否同意使用维修资金更换2号楼电梯' })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  question!: string;

  @ApiPropertyOptional({ description: '表决范围内的楼栋（列支范围）；不填为全体业主' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  buildingIds?: string[];

  @ApiPropertyOptional({ description: '是否为业主大会会议（需提前公告，默认 15 日）', default: true })
  @IsOptional()
  @IsBoolean()
  assemblyMeeting?: boolean;

  @ApiPropertyOptional({
    description: '选举：候选人名单（按公示顺序）；填写时为选举，须为一般事项',
    example: ['候选人甲', '候选人乙', '候选人丙'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  candidates?: string[];

  @ApiPropertyOptional({ description: '选举：应选人数（业委会 5–11 人）', example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  seats?: number;
}

/** What a ballot says: a choice on a question, or the candidates picked in an election. */
class BallotContent {
  @ApiPropertyOptional({ enum: ['yes', 'no', 'abstain'], description: '表决事项的意见（选举时不填）' })
  @IsOptional()
  @IsIn(['yes', 'no', 'abstain'])
  choice?: 'yes' | 'no' | 'abstain';

  @ApiPropertyOptional({ description: '选举：所选候选人 id（不超过应选人数；空数组为弃权票）', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  candidateIds?: string[];
}

export class CastBallotRequest extends BallotContent {
  @ApiProperty({ description: '身份证号（实名核验）' })
  @Matches(/^[0-9]{17}[0-9Xx]$/)
  idNumber!: string;

  @ApiProperty({ description: '不动产权证号（实名核验）' })
  @IsString()
  @MinLength(4)
  @MaxLength(40)
  certificateNo!: string;
}

export class RaiseObjectionRequest {
  @ApiPropertyOptional({ description: '所涉房屋（不填为对名册的一般异议）' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ example: '本户实测面积为 98.36 平方米，名册记为 89.36' })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

export class AnswerObjectionRequest {
  @ApiProperty({ description: '是否采纳' })
  @IsBoolean()
  accepted!: boolean;

  @ApiProperty({ example: '经核对不动产登记簿，更正为 98.36 平方米' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  answer!: string;

  @ApiPropertyOptional({ description: '采纳时更正的专有部分面积（平方米，最多两位小数）', example: '98.36' })
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

  @ApiProperty({ description: '名册中的房屋' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ description: '已为该房屋上传的授权委托书或表决票扫描件' })
  @IsUUID()
  documentId!: string;
}

export class UploadVoteDocumentRequest {
  @ApiProperty({ enum: ['proxy_authorisation', 'paper_ballot'] })
  @IsIn(['proxy_authorisation', 'paper_ballot'])
  kind!: 'proxy_authorisation' | 'paper_ballot';

  @ApiProperty({ description: '名册中的房屋' })
  @IsUUID()
  unitId!: string;
}
