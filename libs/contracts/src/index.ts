export * from './procedures';
export * from './estate-survey';
export * from './tasks';
