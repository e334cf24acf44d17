/**
 * Hostile input is data: SQL- and JSON-path-style payloads in run filters (service, department,
 * hall, channel, variants) and in query strings never cause a 500 and never widen what a caller
 * sees. And the secrets stay out of the logs: the built api and worker, spawned at the most
 * verbose log level, never print the PSEUDONYM_KEY or a raw citizen id during an upload (with a
 * rejected row), runs and timeline requests.
 *
 * The events (journey = case): two cases of department D1 at hall H1 (C1: 2 events, C2: 1 event)
 * and one of D2 at hall H2 (C3: 2 events); one more row has a bad timestamp and is rejected.
 */
import type {
  DatasetDto,
  LoginDto,
  ProblemDetails,
  RunDto,
  RunFilter,
  RunResultDto,
  UploadDto,
  UserWithPasswordDto,
} from '@onetrip/contracts';
import path from 'node:path';
import { postJson, uploadCsv } from '../support/http';
import {
  ROOT,
  cleanQueue,
  createTestDatabase,
  freePort,
  spawnNode,
  spawnWorker,
  testEnv,
  waitForRun,
  type RunningProcess,
  type TestDatabase,
} from '../support/services';

const KEY = 'log-grep-pseudonym-key-5b1f0c7e9a2d4e61b3c8f7a0d9e2c4b6';
const CITIZENS = ['110101199003071234', '320102198812250021', '440305197701018876'];
const REJECTED_CITIZEN = '510104200001019999';
const CSV = [
  'case_id,activity,timestamp,citizen,service,channel,location,department',
  `C1,取号,2026-03-02 09:00:00,${CITIZENS[0]},Permit,hall,H1,D1`,
  `C1,叫号,2026-03-02 09:20:00,${CITIZENS[0]},Permit,hall,H1,D1`,
  `C2,取号,2026-03-03 10:00:00,${CITIZENS[1]},Permit,hall,H1,D1`,
  `C3,取号,2026-03-04 11:00:00,${CITIZENS[2]},Licence,hall,H2,D2`,
  `C3,叫号,2026-03-04 11:30:00,${CITIZENS[2]},Licence,hall,H2,D2`,
  `C4,取号,not a time,${REJECTED_CITIZEN},Licence,hall,H2,D2`,
  '',
].join('\n');
const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  citizen: 'citizen',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
};
const API_MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

let db: TestDatabase;
let api: RunningProcess;
let worker: RunningProcess;
let url: string;
let d1: DatasetDto;
let d2: DatasetDto;

beforeAll(async () => {
  db = await createTestDatabase('security-injection');
  await cleanQueue(db.name);
  const env = testEnv(db, { PSEUDONYM_KEY: KEY, LOG_LEVEL: 'verbose' });
  worker = spawnWorker(env);
  const port = await freePort();
  api = spawnNode(['-r', './tools/runtime-paths.cjs', API_MAIN], {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  await api.waitFor(/onetrip api listening/);
  await worker.waitFor(/worker ready/);
  url = `http://127.0.0.1:${port}`;
  d1 = (await postJson<DatasetDto>(`${url}/api/v1/datasets`, { name: 'd1', department: 'D1' }))
    .body;
  d2 = (await postJson<DatasetDto>(`${url}/api/v1/datasets`, { name: 'd2', department: 'D2' }))
    .body;
  const upload = await uploadCsv<UploadDto>(
    `${url}/api/v1/datasets/${d1.id}/uploads?maxRejectedRatio=0.5`,
    { name: 'events.csv', content: CSV },
    MAPPING,
  );
  expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: 5, rowsRejected: 1 });
}, 90_000);

afterAll(async () => {
  await api?.stop(); // Nest's shutdown hooks end it by the signal itself: no exit code
  const workerExit = await worker?.stop();
  if (db) {
    await cleanQueue(db.name);
    await db.drop();
  }
  expect(workerExit?.code).toBe(0);
});

async function journeys(filter: RunFilter): Promise<number> {
  const created = await postJson<RunDto>(`${url}/api/v1/datasets/${d1.id}/runs`, {
    params: { journey: 'case' },
    filter,
  });
  expect([created.status, created.body.id ? 'id' : created.body]).toEqual([
    expect.any(Number),
    'id',
  ]);
  const done = await waitForRun(url, created.body.id);
  expect(done).toMatchObject({ status: 'completed', error: null });
  const res = await fetch(`${url}/api/v1/runs/${done.id}/result`);
  return ((await res.json()) as RunResultDto).result.summary.journeys;
}

describe('injection attempts in run filters are data', () => {
  it('a plain filter keeps what it names (the baseline the attempts are measured against)', async () => {
    expect(await journeys({})).toBe(3);
    expect(await journeys({ department: ['D1'] })).toBe(2); // C1, C2
    expect(await journeys({ location: ['H2'] })).toBe(1); // C3
  }, 60_000);

  it.each<[string, RunFilter]>([
    ['SQL in department', { department: ["D1' OR '1'='1"] }],
    ['a stacked statement in service', { service: ['Permit"; DROP TABLE event; --'] }],
    [
      'a sub-select in hall',
      { location: ["' || (SELECT string_agg(citizen_key, ',') FROM event) || '"] },
    ],
    ['LIKE wildcards in channel', { channel: ['%', '_all'] }],
    ['JSON paths in hall', { location: ['$.*', '$[?(@.department == "D1")]', '{"$ne": null}'] }],
    ['SQL in a variant', { variants: [["取号' OR 1=1 --"]] }],
  ])(
    '%s matches nothing, and the run completes',
    async (_, filter) => {
      expect(await journeys(filter)).toBe(0);
    },
    60_000,
  );

  it('refuses operator objects in a filter with a 400 naming the field, not a 500', async () => {
    for (const filter of [
      { department: [{ $ne: null }] },
      { service: { $regex: '.*' } },
      { 'location[$ne]': ['x'] },
    ]) {
      const answer = await postJson<ProblemDetails>(`${url}/api/v1/datasets/${d1.id}/runs`, {
        filter,
      });
      expect([answer.status, answer.body.code]).toEqual([400, 'request.invalid']);
      expect(answer.body.errors?.[0].field).toMatch(/^filter(\.|$)/);
    }
  });
});

describe('injection attempts in query strings and paths are data', () => {
  let analystOfD2: string;

  beforeAll(async () => {
    const made = await postJson<UserWithPasswordDto>(`${url}/api/v1/users`, {
      username: 'quinn-d2',
      role: 'analyst',
      departments: ['D2'],
    });
    const login = await postJson<LoginDto>(`${url}/api/v1/auth/login`, {
      username: 'quinn-d2',
      password: made.body.password,
    });
    analystOfD2 = login.body.token;
  }, 30_000);

  const asAnalyst = (path: string) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${analystOfD2}` } });

  it('lists only their own datasets whatever the query string says (audit-style filters too)', async () => {
    for (const query of [
      "?department=D1' OR 1=1--",
      '?department[$ne]=D2',
      '?user=admin%27--&action=$where&from=1970-01-01&to=2999-01-01',
      "?q=') UNION SELECT id, name FROM dataset --",
    ]) {
      const res = await asAnalyst(`/api/v1/datasets${encodeURI(query)}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect(((await res.json()) as DatasetDto[]).map((d) => d.name)).toEqual(['d2']);
    }
  });

  it("answers 404 for a hostile id and for another department's dataset, never 500", async () => {
    for (const id of [
      `${d1.id}' OR '1'='1`,
      "' OR 1=1 --",
      '$..*',
      `${d2.id}; DROP TABLE dataset`,
    ]) {
      const res = await asAnalyst(`/api/v1/datasets/${encodeURIComponent(id)}`);
      expect([id, res.status]).toEqual([id, 404]);
    }
    const other = await asAnalyst(`/api/v1/datasets/${d1.id}/facets`);
    expect(other.status).toBe(404);
    const runs = await asAnalyst(`/api/v1/datasets/${d1.id}/runs?status=' OR 1=1--`);
    expect(runs.status).toBe(404);
  });

  it('reads hostile timeline keys and query values as data: 404 or 400 with a code', async () => {
    const base = `${url}/api/v1/datasets/${d1.id}/journeys`;
    const cases: [string, number, string][] = [
      [`${encodeURIComponent("C1' OR '1'='1")}/timeline?journey=case`, 404, 'journey.not-found'],
      [`${encodeURIComponent('%')}/timeline?journey=case`, 404, 'journey.not-found'],
      [`C1/timeline?journey=${encodeURIComponent("case' OR 1=1")}`, 400, 'request.invalid'],
      [
        `C1/timeline?journey=citizen%2Bservice&service=${encodeURIComponent("' OR 1=1 --")}`,
        404,
        'journey.not-found',
      ],
      [`C1/timeline?journey=case&department[$ne]=x`, 400, 'request.invalid'],
      [`C1/timeline?journey=case&tripGapSeconds=1;DROP TABLE event`, 400, 'request.invalid'],
    ];
    for (const [path, status, code] of cases) {
      const res = await fetch(`${base}/${path}`);
      const body = (await res.json()) as ProblemDetails;
      expect([path, res.status, body.code]).toEqual([path, status, code]);
      expect(JSON.stringify(body)).not.toMatch(/SELECT|syntax|at .*\.js/);
    }
    const ok = await fetch(`${base}/C1/timeline?journey=case`);
    expect(ok.status).toBe(200);
    const uploads = await fetch(
      `${url}/api/v1/datasets/${d1.id}/uploads?limit=1;DROP TABLE upload`,
    );
    expect(uploads.status).toBe(400);
  });
});

describe('the logs of the api and the worker', () => {
  it('never hold the pseudonym key or a raw citizen id (upload, rejected row, runs, timelines)', async () => {
    // A timeline asked for by raw citizen id (a user pasting one) must not echo it either.
    const byId = await fetch(
      `${url}/api/v1/datasets/${d1.id}/journeys/${CITIZENS[0]}/timeline?journey=citizen`,
    );
    expect(byId.status).toBe(404);
    const logs = `${api.output()}\n${worker.output()}`;
    // The logs are there and verbose (so the check below is not vacuous).
    expect(api.output()).toMatch(/onetrip api listening/);
    expect(worker.output()).toMatch(/worker ready/);
    expect(logs.split('\n').length).toBeGreaterThan(10);
    expect(logs).not.toContain(KEY);
    for (const id of [...CITIZENS, REJECTED_CITIZEN]) expect(logs).not.toContain(id);
  });
});

describe('the database', () => {
  it('never holds the pseudonym key or a raw citizen id, in any table (rejected rows included)', async () => {
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const tables = (
        await pg.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
      ).rows.map((r) => r.table_name);
      // Every row of every table as text, bytea columns included as hex (gzip'd partials hold
      // no readable text either way; the results are jsonb).
      let dump = '';
      for (const table of tables) {
        const rows = await pg.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
        dump += rows.rows.map((r) => r.row).join('\n');
      }
      expect(tables).toEqual(expect.arrayContaining(['event', 'rejected_row', 'mining_result']));
      expect(dump).toContain('not a time'); // the rejected row is there, with its original text
      expect(dump).not.toContain(KEY);
      for (const id of [...CITIZENS, REJECTED_CITIZEN]) expect(dump).not.toContain(id);
    } finally {
      await pg.end();
    }
  });
});
