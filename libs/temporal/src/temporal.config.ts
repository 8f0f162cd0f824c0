export interface TemporalSettings {
  address: string;
  namespace: string;
}

export function temporalSettingsFromEnv(): TemporalSettings {
  return {
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  };
}
