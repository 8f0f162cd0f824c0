import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { DeploymentMode } from '../auth/deployment-mode';
import { styleNonceOf } from '../common/security-headers';

/** Where index.html wants the answer's CSP nonce (html.cspNonce in apps/console/vite.config.mts). */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Where the built 工作台 is and what it is told at run time (GET /console/config.js). */
export interface ConsoleSettings {
  /** The Vite build output (index.html, assets/). */
  dir: string;
  /** Base URL of the API as the browser reaches it; empty for the console's own origin. */
  apiBaseUrl: string;
  /** The Temporal Web UI, linked from a case page for developers and admins. */
  temporalUiUrl: string;
  temporalNamespace: string;
  /** The identity provider's login page, linked in production. */
  loginUrl: string | null;
}

export function consoleSettingsFromEnv(env: NodeJS.ProcessEnv): ConsoleSettings {
  return {
    dir: resolve(env.CONSOLE_DIR ?? 'dist/console'),
    apiBaseUrl: env.CONSOLE_API_BASE_URL ?? '',
    temporalUiUrl: env.TEMPORAL_UI_URL ?? 'http://localhost:8233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    loginUrl: env.CONSOLE_LOGIN_URL ?? null,
  };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The console as static files under /console/: hashed assets cached for a year, index.html revalidated on
 * every load and answered for any client route (the SPA's router takes it from there), `/` redirected to it.
 * Registered straight on Fastify, so no guard, audit or error filter of the API applies to these files.
 */
export async function serveConsole(
  app: NestFastifyApplication,
  mode: DeploymentMode,
  settings: ConsoleSettings,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const config = {
    apiBaseUrl: settings.apiBaseUrl,
    temporalUiUrl: settings.temporalUiUrl,
    temporalNamespace: settings.temporalNamespace,
    // Production: the login page shows the identity provider's login, never the development accounts.
    production: mode === 'production',
    loginUrl: settings.loginUrl,
  };
  const configScript = `window.__CONSOLE_CONFIG__ = ${JSON.stringify(config)};\n`;

  fastify.get('/', (_request, reply) => reply.redirect('/console/', 302));
  fastify.get('/console/config.js', (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(configScript),
  );

  if (!existsSync(join(settings.dir, 'index.html'))) {
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><p>工作台尚未构建：请先运行 <code>npm run build</code>。</p>');
    fastify.get('/console', notBuilt);
    fastify.get('/console/*', notBuilt);
    return;
  }

  await app.register(fastifyStatic, {
    root: settings.dir,
    prefix: '/console/',
    // One route per built file, so the catch-all below is the SPA fallback and not a second file server.
    wildcard: false,
    index: false,
    // index.html is answered below, with this answer's nonce in it.
    allowedPath: (path) => path !== '/index.html',
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache');
    },
  });
  const indexPage = async (request: { url: string }, reply: FastifyReply) => {
    // A missing hashed file is a stale page asking for an old build: a 404, not the page itself.
    if (request.url.startsWith('/console/assets/')) return reply.code(404).type('text/plain').send('Not Found');
    // Read on every load, like the file server would: a rebuild under a running API serves the new page.
    const page = await readFile(join(settings.dir, 'index.html'), 'utf8');
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page.replaceAll(NONCE_PLACEHOLDER, styleNonceOf(reply)));
  };
  fastify.get('/console', indexPage);
  fastify.get('/console/*', indexPage);
}
