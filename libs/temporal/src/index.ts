export * from './temporal.config';
export * from './temporal.module';
