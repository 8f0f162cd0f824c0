import type { Schemas } from './client';

/** The API's one error shape, plus `fieldErrors` where the API names the field a reason concerns. */
export type ApiErrorBody = Schemas['ApiErrorResponse'] & {
  fieldErrors?: Array<{ field: string; message: string }>;
};

/** Thrown by `unwrap` for any refusal: the zh-CN message and the API's body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.message ?? (status ? `请求失败（HTTP ${status}）` : '无法连接服务器，请检查网络后重试'));
  }
  get code(): string | undefined {
    return this.body?.code;
  }
}

/** The data of an openapi-fetch answer, or an ApiFailure with the API's reason. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch {
    throw new ApiFailure(0, undefined);
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw new ApiFailure(answer.response.status, answer.error as ApiErrorBody | undefined);
  }
  return answer.data as T;
}

/** What each field was refused for, and what concerns no field. */
export interface FieldReasons {
  byField: Record<string, string[]>;
  general: string[];
}

const DOTTED_PATH = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[\w$]+)*)\s+(.+)$/;

/**
 * Splits a refusal into reasons per field: `fieldErrors` when the API gives them (`a.b` paths), else the
 * `problems` strings of the form `<dotted.path> <message>` whose path is one the form knows; the rest stay general.
 */
export function fieldReasons(body: ApiErrorBody | undefined, knownField: (path: string) => boolean): FieldReasons {
  const reasons: FieldReasons = { byField: {}, general: [] };
  const add = (field: string, message: string) => (reasons.byField[field] ??= []).push(message);
  if (body?.fieldErrors?.length) {
    for (const { field, message } of body.fieldErrors) {
      if (knownField(field)) add(field, message);
      else reasons.general.push(field ? `${field}：${message}` : message);
    }
    return reasons;
  }
  for (const problem of body?.problems ?? []) {
    const match = DOTTED_PATH.exec(problem);
    const path = match?.[1].replace(/\[(\d+)\]/g, '.$1');
    if (match && path && knownField(path)) add(path, match[2]);
    else reasons.general.push(problem);
  }
  return reasons;
}
