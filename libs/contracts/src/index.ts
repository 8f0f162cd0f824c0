export * from './procedures';
export * from './estate-survey';
