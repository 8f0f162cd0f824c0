import type { Schemas } from './client';

/** The API's one error shape (`fieldErrors` where it names the field a reason concerns). */
export type ApiErrorBody = Schemas['ApiErrorResponse'];

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

/** A refusal split into reasons beside fields (by the form's field name) and reasons for the top of the form. */
export interface FieldReasons<Name> {
  byField: Array<{ name: Name; messages: string[] }>;
  general: string[];
}

const DOTTED_PATH = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[\w$]+)*)\s+(.+)$/;

/**
 * Where each reason of a refusal goes: `fieldErrors` when the API gives them (`a.b` paths), else the
 * `problems` strings of the form `<dotted.path> <message>`; `fieldOf` maps a path to a field of the form
 * (or null: the reason goes to the top, prefixed with `labelOf` the path). Other problems go to the top as they are.
 */
export function fieldReasons<Name>(
  body: ApiErrorBody | undefined,
  fieldOf: (path: string) => Name | null,
  labelOf: (path: string) => string,
): FieldReasons<Name> {
  const byKey = new Map<string, { name: Name; messages: string[] }>();
  const general: string[] = [];
  const place = (path: string, message: string) => {
    const name = fieldOf(path);
    if (name === null) return general.push(path ? `${labelOf(path)}：${message}` : message);
    const key = JSON.stringify(name);
    if (!byKey.has(key)) byKey.set(key, { name, messages: [] });
    byKey.get(key)!.messages.push(message);
  };
  if (body?.fieldErrors?.length) {
    for (const { field, message } of body.fieldErrors) place(field, message);
  } else {
    for (const problem of body?.problems ?? []) {
      const match = DOTTED_PATH.exec(problem);
      const path = match?.[1].replace(/\[(\d+)\]/g, '.$1');
      if (match && path && fieldOf(path) !== null) place(path, match[2]);
      else general.push(problem);
    }
  }
  return { byField: [...byKey.values()], general };
}
