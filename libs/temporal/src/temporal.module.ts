import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { temporalSettingsFromEnv, type TemporalSettings } from './temporal.config';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const TEMPORAL_PROBE_CONNECTION = Symbol('TEMPORAL_PROBE_CONNECTION');
const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
const RECONNECT_BACKOFF_MS = 3_000;
/**
 * A request that finds Temporal down fails within about a second (three quick attempts) and is answered
 * 503 TEMPORAL_UNAVAILABLE, instead of the SDK's default of ten attempts over some twenty seconds: the
 * caller, a person at a form, can retry sooner than that. The channel's reconnect backoff is capped so
 * the API sees Temporal back within seconds.
 */
const QUICK_RETRIES = makeGrpcRetryInterceptor(
  defaultGrpcRetryOptions({ maxAttempts: 3, initialIntervalMs: () => 100, maxIntervalMs: () => 400 }),
);

/** Closes the gRPC connections when Nest shuts down (enableShutdownHooks), so the process exits cleanly. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly probeConnection: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.connection.close(), this.probeConnection.close()]);
  }
}

/** A thin module that provides one Temporal Client to the whole API, and a connection for health probes. */
@Global()
@Module({})
export class TemporalModule {
  static forRoot(settings: TemporalSettings = temporalSettingsFromEnv()): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        {
          provide: TEMPORAL_CONNECTION,
          // Lazy: the API starts (and /health reports Temporal down) even when the server is not up yet.
          useFactory: () =>
            Connection.lazy({
              address: settings.address,
              interceptors: [QUICK_RETRIES],
              channelArgs: { 'grpc.max_reconnect_backoff_ms': RECONNECT_BACKOFF_MS },
            }),
        },
        {
          provide: TEMPORAL_CLIENT,
          inject: [TEMPORAL_CONNECTION],
          useFactory: (connection: Connection) => new Client({ connection, namespace: settings.namespace }),
        },
        {
          provide: TEMPORAL_PROBE_CONNECTION,
          // Without the SDK's retry interceptor: a probe reports the present state, and a retry timer left
          // pending after the answer would fire on a closed channel at shutdown.
          useFactory: () =>
            Connection.lazy({
              address: settings.address,
              interceptors: [],
              channelArgs: { 'grpc.max_reconnect_backoff_ms': RECONNECT_BACKOFF_MS },
            }),
        },
        TemporalConnectionCloser,
      ],
      exports: [TEMPORAL_CLIENT, TEMPORAL_PROBE_CONNECTION],
    };
  }
}

export const InjectTemporalClient = (): ParameterDecorator => Inject(TEMPORAL_CLIENT);
