import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import { resolve } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source';
import { temporalSettingsFromEnv, type TemporalSettings } from '../../../libs/temporal/src/temporal.config';
import { blobStoreSettingsFromEnv } from '../../../libs/storage/src/blob-store';
import { TemporalModule } from '../../../libs/temporal/src/temporal.module';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { CalibrationController, benchCalibrationRouteFor } from './bench/calibration.controller';
import { AuthController } from './auth/auth.controller';
import { ActiveAccounts } from './auth/active-accounts';
import { DEPLOYMENT_MODE, deploymentModeFromEnv, jwtSecretFor, type DeploymentMode } from './auth/deployment-mode';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import {
  LOGIN_THROTTLE_SETTINGS,
  LoginThrottle,
  loginThrottleSettingsFromEnv,
  type LoginThrottleSettings,
} from './auth/login-throttle';
import { OIDC_VERIFIER, OidcVerifier, oidcSettingsFromEnv, type OidcSettings } from './auth/oidc';
import { DocumentsModule, type DocumentSettings } from './documents/documents.module';
import { CommitteesModule } from './committees/committees.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { DisputesModule } from './disputes/disputes.module';
import { JointEnforcementModule } from './joint-enforcement/joint-enforcement.module';
import { KpiModule } from './kpi/kpi.module';
import { ProblemsModule } from './problems/problems.module';
import { PublicIncomeModule } from './public-income/public-income.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { FirmExitsModule } from './firm-exits/firm-exits.module';
import { CreditModule } from './credit/credit.module';
import { consoleSettingsFromEnv, type ConsoleSettings } from './console/console-static';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { corsOriginsFromEnv } from './common/security-headers';
import { EstateSurveyModule } from './estate-survey/estate-survey.module';
import { HandoversModule } from './handovers/handovers.module';
import { MaintenanceFundModule } from './maintenance-fund/maintenance-fund.module';
import { MetricsModule } from './metrics/metrics.module';
import { MineModule } from './mine/mine.module';
import { NoticeBoardModule } from './notice-board/notice-board.module';
import { HealthModule } from './health/health.module';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OperationsModule } from './operations/operations.module';
import { ProceduresModule } from './procedures/procedures.module';
import { RegistryModule } from './registry/registry.module';
import { TasksModule } from './tasks/tasks.module';
import { VotesModule } from './votes/votes.module';
import { MeetingRequisitionsModule } from './meeting-requisitions/meeting-requisitions.module';

export interface ApiSettings {
  mode: DeploymentMode;
  databaseUrl: string;
  temporal: TemporalSettings;
  jwtSecret: string;
  /** The identity provider whose tokens are accepted beside our own; none when absent. */
  oidc?: OidcSettings;
  /** Failed-login limits; tests and `npm start` take the defaults of LOGIN_* (login-throttle.ts). */
  loginThrottle?: LoginThrottleSettings;
  /** Origins other than the API's own that browsers may call it from (CORS); none by default. */
  corsOrigins?: string[];
  /**
   * TRUST_PROXY: the reverse proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For names the client, so
   * that login throttling counts clients and not the proxy; unset, the peer is the client.
   */
  trustProxy?: string;
  logLevel: string;
  documents: DocumentSettings;
  /** The 工作台 served at /console/; tests and `npm start` take the defaults (dist/console, same origin). */
  console?: ConsoleSettings;
  /** BENCH_CALIBRATION_ROUTE=1: mount bench:votes's yardstick route (development mode only). */
  benchCalibrationRoute?: boolean;
}

export function apiSettingsFromEnv(): ApiSettings {
  const mode = deploymentModeFromEnv();
  const jwtSecret = jwtSecretFor(mode, process.env.JWT_SECRET);
  if (!process.env.DATABASE_URL) throw new Error('未设置 DATABASE_URL');
  return {
    mode,
    databaseUrl: process.env.DATABASE_URL,
    temporal: temporalSettingsFromEnv(),
    jwtSecret,
    oidc: oidcSettingsFromEnv(process.env),
    loginThrottle: loginThrottleSettingsFromEnv(process.env),
    corsOrigins: corsOriginsFromEnv(process.env),
    trustProxy: process.env.TRUST_PROXY || undefined,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    documents: {
      blobStore: blobStoreSettingsFromEnv(process.env, resolve(process.env.BLOB_STORE_DIR ?? '.data/blobs')),
      maxUploadBytes: Number(process.env.MAX_UPLOAD_BYTES ?? 50 * 1024 * 1024),
    },
    console: consoleSettingsFromEnv(process.env),
    benchCalibrationRoute: benchCalibrationRouteFor(mode, process.env.BENCH_CALIBRATION_ROUTE),
  };
}

@Module({})
export class AppModule {
  static forRoot(settings: ApiSettings): DynamicModule {
    const signingKey = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: settings.logLevel,
            redact: ['req.headers.authorization'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(settings.databaseUrl)),
        JwtModule.register({
          global: true,
          // A KeyObject made once: given a string, jsonwebtoken re-parses the key on every verification.
          secretOrKeyProvider: () => signingKey,
          signOptions: { expiresIn: '12h', algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        TemporalModule.forRoot(settings.temporal),
        MetricsModule,
        AuditModule,
        CalendarModule,
        OperationsModule,
        DocumentsModule.forRoot(settings.documents),
        HealthModule,
        ProceduresModule,
        HandoversModule,
        TasksModule,
        VotesModule,
        MeetingRequisitionsModule,
        RegistryModule,
        EstateSurveyModule,
        MaintenanceFundModule,
        CommitteesModule,
        ComplaintsModule,
        JointEnforcementModule,
        DisputesModule,
        ProblemsModule,
        KpiModule,
        PublicIncomeModule,
        EvaluationsModule,
        FirmExitsModule,
        CreditModule,
        MineModule,
        NoticeBoardModule,
      ],
      controllers: [
        AuthController,
        NotificationsController,
        ...(settings.benchCalibrationRoute ? [CalibrationController] : []),
      ],
      providers: [
        { provide: DEPLOYMENT_MODE, useValue: settings.mode },
        ActiveAccounts,
        AuthService,
        { provide: OIDC_VERIFIER, useValue: settings.oidc ? new OidcVerifier(settings.oidc) : null },
        ThrottlerStorageService,
        LoginThrottle,
        {
          provide: LOGIN_THROTTLE_SETTINGS,
          useValue: settings.loginThrottle ?? loginThrottleSettingsFromEnv({}),
        },
        NotificationsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
