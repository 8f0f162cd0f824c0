import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class ScheduleDayDto {
  @ApiProperty({ example: '2027-01-01', description: '日期（北京时间）', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: '元旦', description: '所属节日', minLength: 1, maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  name!: string;
}

/** The years a calendar can be registered for, and read by path. */
export const CALENDAR_YEARS = { minimum: 2000, maximum: 2100 };

export class RegisterCalendarYearRequest {
  @ApiProperty({ example: 2027, ...CALENDAR_YEARS })
  @IsInt()
  @Min(CALENDAR_YEARS.minimum)
  @Max(CALENDAR_YEARS.maximum)
  year!: number;

  @ApiPropertyOptional({
    example: '国务院办公厅关于2027年部分节假日安排的通知',
    description: '依据（文号或标题）',
    minLength: 2,
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  source?: string;

  @ApiProperty({ type: [ScheduleDayDto], description: '放假日（含节日期间的周末）', maxItems: 366 })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => ScheduleDayDto)
  restDays!: ScheduleDayDto[];

  @ApiProperty({ type: [ScheduleDayDto], description: '调休上班日（周六或周日）', maxItems: 366 })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => ScheduleDayDto)
  workDays!: ScheduleDayDto[];
}

export class CalendarYearResponse {
  @ApiProperty({ type: 'integer', example: 2027 }) year!: number;
  @ApiProperty({ example: 'chinese-days@1.5.7' }) source!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: 'integer', description: '放假日天数' }) restDays!: number;
  @ApiProperty({ type: 'integer', description: '调休上班日天数' }) workDays!: number;
}

export class RegisteredCalendarYearResponse extends CalendarYearResponse {
  @ApiProperty({ type: 'integer', description: '已通知重新计算暂定期限的在办程序数' })
  signalledProcedures!: number;
}

export class CalendarYearDaysResponse {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: [ScheduleDayDto] }) restDays!: ScheduleDayDto[];
  @ApiProperty({ type: [ScheduleDayDto] }) workDays!: ScheduleDayDto[];
}
