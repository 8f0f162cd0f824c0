import { deploymentModeFromEnv } from '../apps/api/src/auth/deployment-mode';
import { databaseUrlFromEnv } from '../libs/persistence/src/data-source';
import { migrateDatabase } from '../libs/persistence/src/migrate';

/** `npm run migrate`: applies migrations to DATABASE_URL (and the development data in development mode). */
migrateDatabase(databaseUrlFromEnv(), { seed: deploymentModeFromEnv() === 'development' })
  .then(({ applied, seeded }) =>
    console.log(`migrations applied: ${applied.join(', ') || 'none'}; development data loaded: ${seeded}`),
  )
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
