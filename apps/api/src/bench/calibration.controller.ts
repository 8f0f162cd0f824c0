import { Body, Controller, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UuidParam } from '../common/api-error';
import type { DeploymentMode } from '../auth/deployment-mode';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { CastBallotRequest } from '../votes/votes.dto';

/**
 * The yardstick `npm run bench:votes` divides the ballot rate by: the ballot route's path, guard, role, validation
 * pipe and interceptors (the audit entry included), and a handler that does nothing, so that ballots ÷ this rate
 * says what the ballot's own work costs on whatever machine runs the bench. Mounted only by
 * BENCH_CALIBRATION_ROUTE=1 in development mode (app.module.ts); never in the OpenAPI document.
 */
@ApiExcludeController()
@Controller('bench/calibration')
export class CalibrationController {
  @Post('votes/:voteId/ballots')
  @Roles('owner')
  cast(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string, @Body() body: CastBallotRequest) {
    return { voteId, userId: principal.userId, choice: body.choice ?? null };
  }
}

/** BENCH_CALIBRATION_ROUTE=1 mounts the route; a production API refuses to start with it rather than expose it. */
export function benchCalibrationRouteFor(mode: DeploymentMode, flag: string | undefined): boolean {
  if (flag !== '1') return false;
  if (mode !== 'development')
    throw new Error('BENCH_CALIBRATION_ROUTE 只用于开发模式下的性能测试（SUITE_MODE=development）');
  return true;
}
