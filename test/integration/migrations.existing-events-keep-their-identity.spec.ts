/**
 * A development database filled before migration FastIngestKeysActiveRuns stored identities as 64
 * hex characters of the JSON-based hash. After FastIngestKeysActiveRuns they are 16 bytes, after
 * IdentityFromCopyFields they are the hash of the COPY fields, and re-uploading the same row is
 * still recognised as a duplicate; a dataset deleted afterwards takes its events with it
 * (trigger). IdentityFromCopyFields also goes down and up again without losing an event.
 */
import { createDataSource } from '@onetrip/backend';
import { legacyEventIdentity } from '../../libs/backend/src/database/migrations/1795930000000-IdentityFromCopyFields';
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { eventIdentity } from '@onetrip/ingest';
import type { DataSource } from 'typeorm';
import { postJson, uploadCsv } from '../support/http';
import {
  addTestAdmin,
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
const EVENT = {
  caseId: 'A',
  activity: '受理',
  timestamp: Date.UTC(2024, 2, 1, 1, 0),
  attributes: {},
};
const IDENTITY = eventIdentity(EVENT);
const LEGACY_IDENTITY = legacyEventIdentity(EVENT);

/** Undoes the newest migrations until `name` (and every later one) is undone. */
async function undoThrough(dataSource: DataSource, name: string): Promise<void> {
  const applied = async (): Promise<boolean> =>
    (await dataSource.query<unknown[]>(`SELECT 1 FROM migrations WHERE name = $1`, [name])).length >
    0;
  while (await applied()) await dataSource.undoLastMigration();
}

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
    // The schema as it was: every migration, then FastIngestKeysActiveRuns and all after it undone.
    await dataSource.runMigrations();
    await undoThrough(dataSource, 'FastIngestKeysActiveRuns1795913860710');
    await dataSource.query(
      `INSERT INTO dataset (id, name, version, event_count) VALUES ($1, 'old', 1, 1)`,
      [DATASET],
    );
    await dataSource.query(
      `INSERT INTO event (dataset_id, identity, case_id, activity, ts, line)
       VALUES ($1, $2, 'A', '受理', '2024-03-01T01:00:00Z', 2)`,
      [DATASET, LEGACY_IDENTITY],
    );
    expect(LEGACY_IDENTITY).toMatch(/^[0-9a-f]{64}$/);
    expect(LEGACY_IDENTITY).not.toBe(IDENTITY);

    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name).slice(0, 2)).toEqual([
      'FastIngestKeysActiveRuns1795913860710',
      'IdentityFromCopyFields1795930000000',
    ]);
    const stored = await dataSource.query<{ id: string }[]>(
      `SELECT encode(identity, 'hex') AS id FROM event WHERE dataset_id = $1`,
      [DATASET],
    );
    expect(stored).toEqual([{ id: IDENTITY.slice(0, 32) }]);

    await addTestAdmin(db);
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

  it('IdentityFromCopyFields goes down and up again and leaves every event as it was', async () => {
    await addTestAdmin(db);
    api ??= await startApi(testConfig(db));
    const dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'mixed' }))
      .body;
    const csv =
      'case_id,activity,timestamp,start,citizen,channel,窗口,note\n' +
      'A,受理,2024-03-01 09:00,2024-03-01 08:55,110105199001010000,hall,2号,"said ""hi"", left"\n' +
      'A,审核,2024-03-01 10:00:30.250,,110105199001010000,online,,\n' +
      'B,受理,20240302083000,,,hotline,3号,\n';
    const mapping = { startTimestamp: 'start', citizen: 'citizen', channel: 'channel' };
    const first = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'mixed.csv', content: csv },
      mapping,
    );
    expect(first.body).toMatchObject({ status: 'completed', rowsAccepted: 3 });
    const rows = (): Promise<{ id: string; case_id: string; activity: string }[]> =>
      dataSource.query(
        `SELECT encode(identity, 'hex') AS id, case_id, activity FROM event
         WHERE dataset_id = $1 ORDER BY case_id, ts`,
        [dataset.id],
      );
    const before = await rows();
    expect(before).toHaveLength(3);

    await undoThrough(dataSource, 'IdentityFromCopyFields1795930000000');
    const legacy = await rows();
    expect(legacy.map((r) => [r.case_id, r.activity])).toEqual(
      before.map((r) => [r.case_id, r.activity]),
    );
    for (let i = 0; i < 3; i++) expect(legacy[i].id).not.toBe(before[i].id);

    await dataSource.runMigrations();
    await addTestAdmin(db); // undoing the migrations dropped the users
    expect(await rows()).toEqual(before);
    const again = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'mixed.csv', content: csv },
      mapping,
    );
    expect(again.body).toMatchObject({ status: 'completed', rowsAccepted: 0, rowsDuplicate: 3 });
  });
});
