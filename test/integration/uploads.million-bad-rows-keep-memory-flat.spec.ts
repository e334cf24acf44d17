/**
 * A small file of nothing but bad rows used to kill the api: 10.5 million rejected rows were
 * written without waiting, so they piled up in the heap. Now each write is awaited before the next
 * batch is read, only the first MAX_REJECTED_ROWS_KEPT rows are stored, and the rest are counted.
 * The api runs in this process, so the test samples this process's heap after forced collections.
 */
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getJson, postJson, uploadCsv } from '../support/http';
import {
  RunningApi,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  startApi,
  testConfig,
} from '../support/services';

const BAD_ROWS = 1_500_000;
const KEPT = 1000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('a file of 1.5 million bad rows', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase('bad_rows_flood');
    api = await startApi(testConfig(db, { MAX_REJECTED_ROWS_KEPT: String(KEPT) }));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('completes under onError=skip and maxRejectedRatio=1 with every row counted, the first 1000 stored, and a flat heap', async () => {
    const dataset = (
      await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'bad rows flood' })
    ).body;
    // One field where three are expected: each line is a rejected row of two bytes.
    const content = Buffer.from('case_id,activity,timestamp\n' + 'x\n'.repeat(BAD_ROWS));
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }, 250);
    let res;
    try {
      res = await uploadCsv<UploadDto>(
        `${api.url}/api/v1/datasets/${dataset.id}/uploads?onError=skip&maxRejectedRatio=1`,
        { name: 'bad-rows.csv', content },
      );
    } finally {
      clearInterval(sampler);
    }
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: BAD_ROWS,
      rowsAccepted: 0,
      rowsRejected: BAD_ROWS,
      rejectedStored: KEPT,
    });
    expect(res.body.rejected[0]).toEqual({
      line: 2,
      column: null,
      reason: 'expected 3 fields but found 1',
      code: 'field-count',
      params: { expected: 3, found: 1 },
      raw: 'x',
    });
    const stored = await fetch(`${api.url}/api/v1/uploads/${res.body.id}/rejected.csv`);
    const lines = (await stored.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + KEPT);
    expect(lines[KEPT]).toBe(`${KEPT + 1},,field-count,expected 3 fields but found 1,x`);
    const again = await getJson<UploadDto>(`${api.url}/api/v1/uploads/${res.body.id}`);
    expect(again.body).toMatchObject({ rowsRejected: BAD_ROWS, rejectedStored: KEPT });
    // Rows held unwritten cost about 100 bytes each: 1.5 million of them would be ~150 MB.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  }, 240_000);
});
