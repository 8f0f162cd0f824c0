import { createDataSource } from './data-source';
import { seedDevelopmentData } from './seed/development-seed';
import { seedCalendarFromChineseDays } from './work-calendar';

/**
 * Applies pending migrations, adds the holiday schedules of any year the installed chinese-days newly covers,
 * and, outside production, loads the development data set once.
 */
export async function migrateDatabase(
  url: string,
  options: { seed: boolean },
): Promise<{ applied: string[]; seeded: boolean }> {
  const dataSource = await createDataSource(url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await seedCalendarFromChineseDays(dataSource);
    const seeded = options.seed ? await seedDevelopmentData(dataSource) : false;
    return { applied: applied.map((m) => m.name), seeded };
  } finally {
    await dataSource.destroy();
  }
}
