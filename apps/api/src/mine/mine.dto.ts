import { ApiProperty } from '@nestjs/swagger';
import { MATTERS } from '../../../../libs/domain/src/owners-decision';
import { labelledEnum } from '../common/openapi';
import { VoteCandidateResponse } from '../votes/votes.dto';

export class MyUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36', description: '专有部分面积（平方米）' }) area!: string;
  @ApiProperty({ type: String, nullable: true, description: '不动产权证号（仅业主本人可见）' })
  certificateNo!: string | null;
  @ApiProperty() delivered!: boolean;
  @ApiProperty({ enum: ['owner', 'co_owners', 'developer'], description: '表决主体：单独所有或共有' })
  subjectKind!: string;
}

export class MyVoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: '表决事项' }) question!: string;
  @ApiProperty({ ...labelledEnum(MATTERS) }) matter!: string;
  @ApiProperty({ enum: ['question', 'election'] }) kind!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '选举的应选人数' }) seats!: number | null;
  @ApiProperty({ enum: ['notice', 'open', 'closed', 'published'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: '本人（所在表决主体）是否已投票' }) voted!: boolean;
  @ApiProperty({ type: [VoteCandidateResponse], nullable: true, description: '选举的候选人' })
  candidates!: VoteCandidateResponse[] | null;
}

export class MyFundEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'deposit' }) kind!: string;
  @ApiProperty({ example: '893600', description: '金额（分）' }) amountFen!: string;
  @ApiProperty({ enum: ['in', 'out'], description: '存入本户或自本户支出' }) direction!: 'in' | 'out';
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty({ format: 'date-time' }) bookedAt!: string;
}

export class MyFundAccountResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ description: '首期交存额（分）' }) firstDepositFen!: string;
  @ApiProperty({ description: '余额（分）' }) balanceFen!: string;
  @ApiProperty({ type: [MyFundEntryResponse], description: '最近的记账分录（新近的在前，至多 10 条）' })
  entries!: MyFundEntryResponse[];
}
