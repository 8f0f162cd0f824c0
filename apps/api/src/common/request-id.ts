import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';

/**
 * Names a request (Fastify's genReqId): the caller's `X-Request-Id` when it is a plain token, else a new
 * UUID. The id is kept on the raw request too, where pino-http's access log takes it from.
 */
export function assignRequestId(req: IncomingMessage | Http2ServerRequest): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  (req as IncomingMessage).id = id;
  return id;
}
