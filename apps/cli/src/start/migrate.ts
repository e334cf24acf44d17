/** Applies the pending migrations of libs/backend to the database that `env` configures. */
import { createDataSource, loadConfig } from '@onetrip/backend';

export async function migrateDatabase(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<void> {
  const dataSource = createDataSource(loadConfig(env).databaseUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log(
      applied.length
        ? `applied migrations: ${applied.map((m) => m.name).join(', ')}`
        : 'database schema is up to date',
    );
  } finally {
    await dataSource.destroy();
  }
}
