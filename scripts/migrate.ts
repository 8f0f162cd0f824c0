import { databaseUrlFromEnv } from '../libs/persistence/src/data-source';
import { migrateDatabase } from '../libs/persistence/src/migrate';

/** `npm run migrate`: applies migrations to DATABASE_URL (and the development data outside production). */
migrateDatabase(databaseUrlFromEnv(), { seed: process.env.NODE_ENV !== 'production' })
  .then(({ applied, seeded }) =>
    console.log(`migrations applied: ${applied.join(', ') || 'none'}; development data loaded: ${seeded}`),
  )
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
