import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

const isPayload = (value: object): value is Payload =>
  'data' in value && 'metadata' in value && (value.data == null || value.data instanceof Uint8Array);

/**
 * Every payload of a workflow history decoded as the SDK's payload converter reads it (arguments, results,
 * update and signal inputs, memo, search attributes, failure details), each as a JSON text. In the history
 * as fetched a payload's data is bytes, so searching its stringified form finds nothing a payload holds.
 */
export function decodedPayloads(history: temporal.api.history.v1.IHistory): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (Array.isArray(value)) return value.forEach(walk);
    if (isPayload(value)) {
      let decoded: unknown;
      try {
        decoded = defaultPayloadConverter.fromPayload(value);
      } catch {
        decoded = value.data ? Buffer.from(value.data).toString('utf8') : null;
      }
      texts.push(typeof decoded === 'string' ? decoded : JSON.stringify(decoded));
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk(history);
  return texts;
}

/** The history as texts: its plain fields (failure messages, types, ids) as one JSON text, then every payload decoded. */
export function historyTexts(history: temporal.api.history.v1.IHistory): string[] {
  return [JSON.stringify(history), ...decodedPayloads(history)];
}
