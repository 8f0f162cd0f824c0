import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { JURISDICTION_CODE, JURISDICTION_DOC } from './jurisdiction-query';

/** An optional query value that must be one of `values` (a list filter or a sort field), documented as such. */
export function OptionalOneOf(values: string[], doc: { description?: string; default?: string } = {}) {
  return applyDecorators(ApiPropertyOptional({ ...doc, enum: values }), IsOptional(), IsIn(values));
}

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1, description: '页码' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20, description: '每页条数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 20;
}

/** A page of a procedure's records, within one estate or a jurisdiction (and below), in either order of its sort. */
export class EstateRecordsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  estateId?: string;

  @ApiPropertyOptional(JURISDICTION_DOC)
  @IsOptional()
  @Matches(JURISDICTION_CODE)
  jurisdictionCode?: string;

  @OptionalOneOf(['asc', 'desc'], { default: 'desc' })
  order: 'asc' | 'desc' = 'desc';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
