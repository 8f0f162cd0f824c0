import { RegistryAndProcedures1763769600000 } from './1763769600000-registry-and-procedures';

/** Every migration in order; the data source lists them explicitly so bundles and tests find them alike. */
export const MIGRATIONS = [RegistryAndProcedures1763769600000];
