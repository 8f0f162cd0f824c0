import { appendFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * Writes every answer the API gives a test (method, route pattern, status) to the run's log, which
 * route-coverage-reporter.js reads at the end of a whole run: each operation of the API must have answered
 * some test with success at least once, so an endpoint nobody exercises fails the suite.
 */
export function recordRouteAnswers(app: INestApplication): void {
  const log = process.env.TEST_ROUTE_LOG;
  if (!log) return;
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route) appendFileSync(log, `${request.method} ${route} ${reply.statusCode}\n`);
  });
}
