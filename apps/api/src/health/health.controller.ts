import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/principal';
import { ApiRefusals } from '../common/openapi';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiRefusals([503, '数据库或 Temporal 不可用（SERVICE_UNAVAILABLE）；details 列出各依赖的状态'])
  @HealthCheck()
  @ApiOperation({ summary: '数据库与 Temporal 分别的健康状态；任一不可用返回 503' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.temporal.check('temporal'),
    ]);
  }
}
