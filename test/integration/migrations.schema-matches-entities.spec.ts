/**
 * The migrations are the schema. On a fresh database they must produce exactly what the entities
 * describe: an entity changed without a migration makes TypeORM's schema diff non-empty and this
 * test fail (`npm run migration:generate -- <Name>` writes the missing migration).
 */
import { createDataSource } from '@onetrip/backend';
import type { DataSource } from 'typeorm';
import { TestDatabase, createEmptyDatabase } from '../support/services';

describe('migrations on a fresh database', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createEmptyDatabase('migrations');
    dataSource = await createDataSource(db.url).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('create the six tables of the first migration', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    const rows = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'dataset',
        'event',
        'mining_result',
        'mining_run',
        'rejected_row',
        'upload',
      ]),
    );
  });

  it('leave nothing for TypeORM to change: entities and migrations agree', async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('would notice drift: a column the entities have but the database lacks shows up in the diff', async () => {
    await dataSource.query('ALTER TABLE event DROP COLUMN channel');
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query).join('\n')).toMatch(
      /ALTER TABLE "event" ADD "channel" text/,
    );
  });

  it('roll back cleanly to an empty schema', async () => {
    await dataSource.query('ALTER TABLE event ADD "channel" text');
    for (let i = 0; i < dataSource.migrations.length; i += 1) await dataSource.undoLastMigration();
    const rows = await dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(rows[0]?.n).toBe('0');
  });
});
