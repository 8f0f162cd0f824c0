import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { JSON_MAX_DEPTH, nestsTooDeep, normaliseText, textViolations } from '../../../../libs/domain/src/text-rules';
import { ApiError } from './api-error';
import { validationFailed } from './validation';

const LABELS: Partial<Record<ArgumentMetadata['type'], string>> = {
  body: '请求体',
  query: '查询参数',
  param: '路径参数',
};

/**
 * A request DTO that carries another route's body under one of its keys names that key in a static
 * `embeddedBody` (the inbox's `payload`), so the text problems inside are named as that route names them.
 */
function violationsOf(value: unknown, label: string, metatype: ArgumentMetadata['metatype']) {
  const embedded = (metatype as { embeddedBody?: string } | undefined)?.embeddedBody;
  if (!embedded || typeof value !== 'object' || value === null || Array.isArray(value))
    return textViolations(value, label);
  const { [embedded]: body, ...rest } = value as Record<string, unknown>;
  return [...textViolations(rest, label), ...textViolations(body, label)];
}

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
    const violations = violationsOf(value, metadata.data ?? label, metadata.metatype);
    // The same refusal as a DTO's: a client shows both kinds beside their fields alike.
    if (violations.length)
      throw validationFailed(
        violations.map((v) => v.sentence),
        violations.map(({ field, message }) => ({ field, message })),
      );
    return normaliseText(value);
  }
}
