import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

// Each answer's own nonce for <style> elements, made when its CSP header is written.
const styleNonces = new WeakMap<ServerResponse, string>();

/** The nonce the CSP of this answer admits <style> elements with (the console's index.html hands it to antd). */
export function styleNonceOf(reply: FastifyReply): string {
  return styleNonces.get(reply.raw) ?? '';
}

function newStyleNonce(_request: unknown, response: ServerResponse): string {
  const nonce = randomBytes(16).toString('base64');
  styleNonces.set(response, nonce);
  return `'nonce-${nonce}'`;
}

/** CORS_ORIGINS: comma-separated origins (scheme://host[:port]) that may call the API from a browser. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins)
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new Error(`CORS_ORIGINS 中的 ${origin} 不是一个来源（如 https://console.example.gov.cn）`);
  return origins;
}

/**
 * What the 工作台 needs and no more: its own scripts, stylesheets and API (plus the API's origin when it is
 * served from elsewhere, CONSOLE_API_BASE_URL), the <style> elements antd writes its CSS variables into
 * (with this answer's nonce), data: images and fonts, no frames, no plugins. Two <style>s of
 * @rc-component carry no nonce and are refused: its scrollbar probe (an empty rule) and the scroll lock behind
 * an open drawer or modal (the page behind may scroll).
 */
function consolePolicy(apiBaseUrl: string) {
  const api = apiBaseUrl && URL.canParse(apiBaseUrl) ? [new URL(apiBaseUrl).origin] : [];
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'", ...api],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", newStyleNonce],
    },
  };
}

/**
 * Security headers on every answer (@fastify/helmet), and CORS only for the listed origins: the console
 * is served by the API itself, so by default no other origin is allowed.
 */
export async function protectResponses(
  app: NestFastifyApplication,
  settings: { corsOrigins?: string[]; apiBaseUrl: string },
): Promise<void> {
  const policy = consolePolicy(settings.apiBaseUrl);
  // Swagger UI also writes style attributes, which no nonce admits (and 'unsafe-inline' is ignored beside one).
  const docsPolicy = { ...policy, directives: { ...policy.directives, styleSrc: ["'self'", "'unsafe-inline'"] } };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/'))
      Object.assign(route, { helmet: { contentSecurityPolicy: docsPolicy } });
  });
  await app.register(fastifyHelmet, { contentSecurityPolicy: policy, frameguard: { action: 'deny' } });
  if (settings.corsOrigins?.length)
    app.enableCors({
      origin: settings.corsOrigins,
      exposedHeaders: ['x-request-id', 'retry-after', 'content-disposition'],
    });
}
