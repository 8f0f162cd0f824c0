import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalSettingsFromEnv, type TemporalSettings } from './temporal.config';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Closes the gRPC connection when Nest shuts down (enableShutdownHooks), so the process exits cleanly. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** A thin module that provides one Temporal Client to the whole API. */
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
          useFactory: () => Connection.lazy({ address: settings.address }),
        },
        {
          provide: TEMPORAL_CLIENT,
          inject: [TEMPORAL_CONNECTION],
          useFactory: (connection: Connection) => new Client({ connection, namespace: settings.namespace }),
        },
        TemporalConnectionCloser,
      ],
      exports: [TEMPORAL_CLIENT],
    };
  }
}

export const InjectTemporalClient = (): ParameterDecorator => Inject(TEMPORAL_CLIENT);
