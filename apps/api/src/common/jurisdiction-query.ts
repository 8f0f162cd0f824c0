import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** A jurisdiction code of 2 to 12 digits; a query by one includes its subordinates. */
export const JURISDICTION_CODE = /^\d{2,12}$/;
export const JURISDICTION_DOC = { description: '辖区代码（含下级）', example: '350504102', pattern: '^\\d{2,12}$' };

/** A month, Beijing time. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MONTH_DOC = { description: '月份（北京时间）', example: '2026-11', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };

export class JurisdictionQuery {
  @ApiProperty(JURISDICTION_DOC)
  @Matches(JURISDICTION_CODE)
  jurisdiction!: string;
}

/** The query of a monthly figure: whose and which month. */
export class JurisdictionMonthQuery extends JurisdictionQuery {
  @ApiProperty(MONTH_DOC)
  @Matches(MONTH)
  month!: string;
}
