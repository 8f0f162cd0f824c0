import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class StartVoteRequest {
  @ApiProperty({ enum: ['ordinary', 'special'], description: 'special：民法典第278条第(6)(7)(8)项（筹集维修资金、改建重建、改变共有部分用途或经营）' })
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
}

export class CastBallotRequest {
  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  @IsIn(['yes', 'no', 'abstain'])
  choice!: 'yes' | 'no' | 'abstain';

  @ApiProperty({ description: '身份证号（实名核验）' })
  @Matches(/^[0-9]{17}[0-9Xx]$/)
  idNumber!: string;

  @ApiProperty({ description: '不动产权证号（实名核验）' })
  @IsString()
  @MinLength(4)
  @MaxLength(40)
  certificateNo!: string;
}
