export * from './data-source';
export * from './entities';
export * from './seed/development-seed';
export * from './migrate';
export * from './fund-journal';
export * from './locality-policy';
export * from './procedure-claims';
