import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { CappedWindow } from '../../../../libs/persistence/src/scoped-page';
import { ApiError } from './api-error';
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

/** Where a list whose total is capped stops counting, and paging (`cappedPage`). */
export const TOTAL_CAP = 10_000;

/** A page of a list whose total is counted up to TOTAL_CAP: beyond it, `total` is the cap and a lower bound. */
export interface CappedPage<T> extends Page<T> {
  totalIsLowerBound?: true;
}

/**
 * The window of a capped list's page, refusing one that starts beyond the cap (400 PAGE_BEYOND_CAP), and how to
 * state the count read for it (up to `countUpTo` rows): at city scale a list walks an index in its order and
 * never counts or skips past the cap (docs/deployment.md).
 */
export function cappedPage(query: PageQuery) {
  const offset = (query.page - 1) * query.pageSize;
  if (offset >= TOTAL_CAP)
    throw new ApiError(
      400,
      'PAGE_BEYOND_CAP',
      `只能翻阅前 ${TOTAL_CAP.toLocaleString('en-US')} 条，请增加筛选条件缩小范围`,
    );
  return {
    window: { offset, limit: query.pageSize, countUpTo: TOTAL_CAP + 1 } satisfies CappedWindow,
    page: <T>(items: T[], counted: number): CappedPage<T> => ({
      items,
      total: Math.min(counted, TOTAL_CAP),
      ...(counted > TOTAL_CAP ? { totalIsLowerBound: true as const } : {}),
      page: query.page,
      pageSize: query.pageSize,
    }),
  };
}
