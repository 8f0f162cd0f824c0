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
  @ApiProperty({ example: '王某某' })
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  fullName!: string;

  @ApiProperty({ description: '身份证号' })
  @Matches(/^[0-9]{17}[0-9Xx]$/)
  idNumber!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$/)
  phone?: string;
}

export class TransferUnitRequest {
  @ApiProperty({ type: [NewOwner], description: '新业主（多人为共有，计一个表决主体）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NewOwner)
  newOwners!: NewOwner[];

  @ApiProperty({ description: '新的不动产权证号' })
  @IsString()
  @MinLength(4)
  @MaxLength(40)
  certificateNo!: string;
}
