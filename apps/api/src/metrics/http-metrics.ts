import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from './api-metrics';

/**
 * Times every HTTP answer into the latency histogram, labelled by the route's pattern
 * (`/votes/:voteId/ballots`, never the URL with its ids) — a request no route matched counts as `unmatched`.
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: ApiMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
