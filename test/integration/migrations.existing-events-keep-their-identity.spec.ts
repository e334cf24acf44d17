/**
 * A development database filled before migration FastIngestKeysActiveRuns stored identities as 64
 * hex characters. After the migration they are 16 bytes, and re-uploading the same row is still
 * recognised as a duplicate; a dataset deleted afterwards takes its events with it (trigger).
 */
import { createDataSource } from '@onetrip/backend';
import type { UploadDto } from '@onetrip/contracts';
import { eventIdentity } from '@onetrip/ingest';
import type { DataSource } from 'typeorm';
import { uploadCsv } from '../support/http';
import {
  RunningApi,
  TestDatabase,
  cleanQueue,
  createEmptyDatabase,
  startApi,
  testConfig,
} from '../support/services';

const DATASET = '5b0c1f2e-8d1a-4c39-9a52-0d6f0f7c2a11';
const CSV = 'case_id,activity,timestamp\nA,受理,2024-03-01 09:00\n';
// The event that row becomes in a dataset in Asia/Shanghai: 09:00 +08:00 is 01:00 UTC.
const IDENTITY = eventIdentity({
  caseId: 'A',
  activity: '受理',
  timestamp: Date.UTC(2024, 2, 1, 1, 0),
  attributes: {},
});

describe('events stored before the fast-ingest migration', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    db = await createEmptyDatabase('migration_identity');
    await cleanQueue(db.name);
    dataSource = await createDataSource(db.url).initialize();
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('keep deduplicating uploads of the same rows', async () => {
    // The schema as it was: every migration, then the last one undone.
    await dataSource.runMigrations();
    await dataSource.undoLastMigration();
    await dataSource.query(
      `INSERT INTO dataset (id, name, version, event_count) VALUES ($1, 'old', 1, 1)`,
      [DATASET],
    );
    await dataSource.query(
      `INSERT INTO event (dataset_id, identity, case_id, activity, ts, line)
       VALUES ($1, $2, 'A', '受理', '2024-03-01T01:00:00Z', 2)`,
      [DATASET, IDENTITY],
    );
    expect(IDENTITY).toMatch(/^[0-9a-f]{64}$/);

    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(['FastIngestKeysActiveRuns1795913860710']);
    const stored = await dataSource.query<{ id: string }[]>(
      `SELECT encode(identity, 'hex') AS id FROM event WHERE dataset_id = $1`,
      [DATASET],
    );
    expect(stored).toEqual([{ id: IDENTITY.slice(0, 32) }]);

    api = await startApi(testConfig(db));
    const again = await uploadCsv<UploadDto>(`${api.url}/api/v1/datasets/${DATASET}/uploads`, {
      name: 'same.csv',
      content: CSV,
    });
    expect(again.body).toMatchObject({ status: 'completed', rowsAccepted: 0, rowsDuplicate: 1 });

    await dataSource.query('DELETE FROM dataset WHERE id = $1', [DATASET]);
    const left = await dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM event');
    expect(left).toEqual([{ n: '0' }]);
  });
});
