import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { Registry } from 'prom-client';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus text exposition for the scraper: public (no token), left out of the OpenAPI document, and
 * not audited (the audit interceptor writes only for a principal). Its labels carry no personal data.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Public()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
