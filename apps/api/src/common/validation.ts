import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ApiError, type FieldError } from './api-error';

/** zh-CN wording of the class-validator constraints the DTOs use. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '是不允许的字段',
  isString: '必须是字符串',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isUuid: '必须是 UUID',
  isInt: '必须是整数',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  isObject: '必须是对象',
  isBoolean: '必须是布尔值',
  isDateString: '必须是日期（YYYY-MM-DD）',
  matches: '格式不正确',
  maxLength: '过长',
  minLength: '过短',
  isArray: '必须是数组',
  nestedValidation: '内容不合法',
};

/** Each violated constraint at its dotted path (`ownersCommittee.termEndsOn`, `members.0.name`). */
function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((key) => ({
      field,
      message: CONSTRAINT_MESSAGES[key] ?? '不合法',
    }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/** The one 400 of a request that breaks a rule, the DTO's or the text rules': each problem beside its field too. */
export function validationFailed(problems: string[], fieldErrors: FieldError[]): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', `请求参数不合法：${problems.join('；')}`, problems, fieldErrors);
}

/**
 * Request bodies and queries: unknown fields refused, types converted, every problem listed in zh-CN — as
 * sentences (`problems`) and beside its field (`fieldErrors`), for a form to show.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = fieldErrorsOf(errors);
      return validationFailed(
        fieldErrors.map(({ field, message }) => `${field} ${message}`),
        fieldErrors,
      );
    },
  });
}

/** A query flag: `true`/`false` become booleans; anything else stays a string for @IsBoolean to refuse. */
export const BooleanQuery = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
