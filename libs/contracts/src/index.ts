export * from './procedures';
export * from './estate-survey';
export * from './tasks';
export * from './owners-vote';
export * from './maintenance-fund';
export * from './committee-formation';
