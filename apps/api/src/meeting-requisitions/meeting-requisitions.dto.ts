import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { MATTER_ITEM_IDS, type MatterItem } from '../../../../libs/domain/src/owners-decision';

export class StartRequisitionRequest {
  @ApiProperty({ enum: MATTER_ITEM_IDS, description: '提议表决的事项（民法典第278条第一款）' })
  @IsIn(MATTER_ITEM_IDS)
  matterItem!: MatterItem;

  @ApiProperty({ example: '是否同意解聘现物业服务企业', minLength: 4, maxLength: 200 })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  question!: string;
}

export class RequisitionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ enum: MATTER_ITEM_IDS }) matterItem!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ type: 'integer', description: '已提议的表决主体数' }) heads!: number;
  @ApiProperty({ type: 'integer' }) totalHeads!: number;
  @ApiProperty({ example: '1820.50', description: '已提议业主的专有部分面积' }) area!: string;
  @ApiProperty() totalArea!: string;
  @ApiProperty({ description: '人数和面积是否均已达到本地规定的比例（条例第十三条：20%以上）' }) met!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '达到比例的时间' })
  metAt!: string | null;
}

export class RequisitionListItemResponse extends RequisitionResponse {
  @ApiProperty({ type: Boolean, nullable: true, description: '业主本人（所在表决主体）是否已提议；政府部门为空' })
  signedByMe!: boolean | null;
}
