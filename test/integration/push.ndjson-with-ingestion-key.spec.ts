/**
 * A case-handling system pushes events as NDJSON with an ingestion key: the key is shown once and
 * stored hashed, a push is validated, pseudonymized, deduplicated and atomic like an upload, and
 * a batch beyond 10,000 events is refused whole.
 */
import type {
  CreatedIngestionKeyDto,
  DatasetDto,
  IngestionKeyDto,
  ProblemDetails,
  UploadDto,
} from '@onetrip/contracts';
import { pseudonymize } from '@onetrip/ingest';
import { Client } from 'pg';
import { getJson, postJson } from '../support/http';
import {
  RunningApi,
  TEST_PSEUDONYM_KEY,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  startApi,
  testConfig,
} from '../support/services';

const events = [
  {
    case_id: 'Q1',
    activity: '取号',
    timestamp: '2024-03-01T09:00:00+08:00',
    citizen: '110105199001011234',
  },
  {
    case_id: 'Q1',
    activity: '叫号',
    timestamp: '2024-03-01T09:20:00+08:00',
    citizen: '110105199001011234',
  },
  { case_id: 'Q1', activity: '办结', timestamp: 'yesterday', citizen: '110105199001011234' },
];
const ndjson = (rows: readonly object[]): string =>
  rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('pushing NDJSON events with an ingestion key', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataset: DatasetDto;
  let created: CreatedIngestionKeyDto;

  const push = (body: string, key: string | null, query = ''): Promise<Response> =>
    fetch(`${api.url}/api/v1/datasets/${dataset.id}/events${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      },
      body,
    });

  beforeAll(async () => {
    db = await createTestDatabase('push');
    await cleanQueue(db.name);
    api = await startApi(testConfig(db));
    dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'queue system' }))
      .body;
    created = (
      await postJson<CreatedIngestionKeyDto>(
        `${api.url}/api/v1/datasets/${dataset.id}/ingestion-keys`,
        { name: 'hall queue system' },
      )
    ).body;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('shows the key once and stores only its hash', async () => {
    expect(created.key).toMatch(/^otk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    const list = await getJson<IngestionKeyDto[]>(
      `${api.url}/api/v1/datasets/${dataset.id}/ingestion-keys`,
    );
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = await client.query<{ key_hash: string }>('SELECT key_hash FROM ingestion_key');
      expect(rows.rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows.rows[0]?.key_hash).not.toContain(created.key.slice(4));
    } finally {
      await client.end();
    }
  });

  it('refuses a push without a key or with a wrong one', async () => {
    const none = await push(ndjson(events.slice(0, 2)), null);
    expect(none.status).toBe(401);
    expect(((await none.json()) as ProblemDetails).code).toBe('auth.ingestion-key');
    const wrong = await push(ndjson(events.slice(0, 2)), `${created.key}x`);
    expect(wrong.status).toBe(401);
  });

  it('adds the valid events, reports the bad one, pseudonymizes the citizen, and dedupes a resend', async () => {
    // The dataset has no saved mapping: the push names the citizen field itself.
    const mapping = encodeURIComponent(
      JSON.stringify({
        caseId: 'case_id',
        activity: 'activity',
        timestamp: 'timestamp',
        citizen: 'citizen',
      }),
    );
    const res = await push(ndjson(events), created.key, `?maxRejectedRatio=0.5&mapping=${mapping}`);
    const report = (await res.json()) as UploadDto;
    expect(res.status).toBe(201);
    expect(report).toMatchObject({
      fileName: 'push',
      status: 'completed',
      rowsRead: 3,
      rowsAccepted: 2,
      rowsRejected: 1,
      rowsDuplicate: 0,
    });
    expect(report.rejected[0]).toMatchObject({ line: 3, column: 'timestamp' });
    const again = (await (
      await push(ndjson(events.slice(0, 2)), created.key, `?mapping=${mapping}`)
    ).json()) as UploadDto;
    expect(again).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 2 });
    const ds = (await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${dataset.id}`)).body;
    // Only the push that added events bumped the version.
    expect(ds).toMatchObject({ version: 1, eventCount: 2 });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const keys = await client.query<{ citizen_key: string }>(
        'SELECT DISTINCT citizen_key FROM event WHERE dataset_id = $1',
        [dataset.id],
      );
      expect(keys.rows).toEqual([
        { citizen_key: pseudonymize('110105199001011234', TEST_PSEUDONYM_KEY) },
      ]);
    } finally {
      await client.end();
    }
  });

  it('refuses a batch of 10,001 events whole with 413', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      case_id: `M${i}`,
      activity: '受理',
      timestamp: '2024-03-02T09:00:00+08:00',
    }));
    const res = await push(ndjson(many), created.key);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ProblemDetails).code).toBe('events.too-many');
    const ds = (await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${dataset.id}`)).body;
    expect(ds).toMatchObject({ version: 1, eventCount: 2 });
  });

  it('stops accepting a revoked key', async () => {
    const other = (
      await postJson<CreatedIngestionKeyDto>(
        `${api.url}/api/v1/datasets/${dataset.id}/ingestion-keys`,
        {},
      )
    ).body;
    const revoke = await fetch(
      `${api.url}/api/v1/datasets/${dataset.id}/ingestion-keys/${other.id}`,
      { method: 'DELETE' },
    );
    expect(revoke.status).toBe(204);
    expect((await push(ndjson(events.slice(0, 1)), other.key)).status).toBe(401);
  });
});
