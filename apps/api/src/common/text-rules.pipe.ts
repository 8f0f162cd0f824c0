import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { JSON_MAX_DEPTH, nestsTooDeep, normaliseText, textProblems } from '../../../../libs/domain/src/text-rules';
import { ApiError } from './api-error';

const LABELS: Partial<Record<ArgumentMetadata['type'], string>> = {
  body: '请求体',
  query: '查询参数',
  param: '路径参数',
};

/**
 * The text rules of libs/domain/src/text-rules.ts on every body, query and path parameter, before the
 * DTO's own validation: a NUL or a lone surrogate is a 400 here instead of a 500 from PostgreSQL or a
 * poisoned workflow payload, and what passes on is NFC-normalised and trimmed.
 */
@Injectable()
export class TextRulesPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const label = LABELS[metadata.type];
    if (!label) return value;
    if (nestsTooDeep(value)) throw new ApiError(400, 'TOO_DEEP', `${label}嵌套过深（最多 ${JSON_MAX_DEPTH} 层）`);
    const problems = textProblems(value, metadata.data ?? label);
    // The same refusal as a DTO's: a client shows both kinds beside their fields alike.
    if (problems.length)
      throw new ApiError(400, 'VALIDATION_FAILED', `请求参数不合法：${problems.join('；')}`, problems);
    return normaliseText(value);
  }
}
