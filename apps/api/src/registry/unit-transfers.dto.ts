import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class NewOwner {
  @ApiProperty({ example: '王某某', minLength: 2, maxLength: 40 })
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  fullName!: string;

  @ApiProperty({ description: '身份证号', pattern: '^[0-9]{17}[0-9Xx]$' })
  @Matches(/^[0-9]{17}[0-9Xx]$/)
  idNumber!: string;

  @ApiPropertyOptional({ description: '手机号', pattern: '^1[3-9]\\d{9}$' })
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$/)
  phone?: string;
}

export class TransferUnitRequest {
  @ApiProperty({ type: [NewOwner], description: '新业主（多人为共有，计一个表决主体）', minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NewOwner)
  newOwners!: NewOwner[];

  @ApiProperty({ description: '新的不动产权证号', minLength: 4, maxLength: 40 })
  @IsString()
  @MinLength(4)
  @MaxLength(40)
  certificateNo!: string;
}

export class TransferUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid', description: '房屋现属的表决主体' }) votingSubjectId!: string;
  @ApiProperty({ type: [String], description: '改由新业主投票的进行中表决' }) votesFollowingNewOwner!: string[];
  @ApiProperty({ type: [String], description: '原表决主体已投票、选票继续有效的表决' })
  votesWhereCastBallotStands!: string[];
}
