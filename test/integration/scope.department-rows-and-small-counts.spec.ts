/**
 * Who may see a citizen's journey, inside a dataset: row-level scoping by department, small-count
 * suppression and the analyst-only timeline, through the real api, worker, PostgreSQL and Redis.
 *
 * The fixture (test/fixtures/ok/scope-tax-and-police-journeys.csv), 11 journeys keyed by case:
 *   T1–T6  Tax filing: Apply online (tax), Review (tax)          → touch tax only
 *   M1–M2  Residence:  Apply at hall H1 (police), Review (tax)   → touch tax and police
 *   P1–P3  Visa:       Apply at hall H1 (police), Review (police) → touch police only
 * The dataset has no department, so every user may open it, and each non-admin sees only the
 * journeys touching their departments: tax → T1–T6, M1, M2 (8 journeys). SMALL_COUNT_K is 5.
 */
import type {
  DatasetDto,
  FacetsDto,
  Insights,
  TripBreakdownRow,
  JourneyTimelineDto,
  LoginDto,
  ProblemDetails,
  RunDto,
  RunResultDto,
  UploadDto,
} from '@onetrip/contracts';
import { hashPassword } from '@onetrip/backend';
import path from 'node:path';
import { Client } from 'pg';
import { postJson, readFixture, uploadCsv } from '../support/http';
import { FIXTURES, apiWorkerSuite, waitForRun } from '../support/services';

const suite = apiWorkerSuite('scope-rows');
const FIXTURE = path.join(FIXTURES, 'ok', 'scope-tax-and-police-journeys.csv');
const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
};
const PARAMS = { journey: 'case' };

/** A user in the suite's database, logged in: their bearer token. */
async function addUser(username: string, role: string, departments: string[]): Promise<string> {
  const client = new Client({ connectionString: suite.db.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (username, password_hash, role, departments) VALUES ($1, $2, $3, $4)`,
      [username, await hashPassword(`${username}-password`), role, departments],
    );
  } finally {
    await client.end();
  }
  const login = await postJson<LoginDto>(`${suite.api.url}/api/v1/auth/login`, {
    username,
    password: `${username}-password`,
  });
  expect(login.status).toBe(200);
  return login.body.token;
}

async function as<T>(
  token: string | null,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${suite.api.url}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      // null: the test admin (the global fetch adds its session)
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

/** Creates a run as the user, waits for it, returns the run as POST answered it. */
async function mineAs(token: string | null, datasetId: string, body: object): Promise<RunDto> {
  const created = await as<RunDto>(token, 'POST', `/api/v1/datasets/${datasetId}/runs`, body);
  expect([200, 202]).toContain(created.status);
  const done = await waitForRun(suite.api.url, created.body.id);
  expect(done.status).toBe('completed');
  return created.body;
}

const resultAs = async (token: string | null, runId: string) =>
  as<RunResultDto>(token, 'GET', `/api/v1/runs/${runId}/result`);

describe('row-level scoping and small counts', () => {
  let dataset: DatasetDto;
  let taxAnalyst: string;
  let taxViewer: string;
  let taxManager: string;

  beforeAll(async () => {
    taxAnalyst = await addUser('tina-tax-analyst', 'analyst', ['tax']);
    taxViewer = await addUser('vic-tax-viewer', 'viewer', ['tax']);
    taxManager = await addUser('mia-tax-manager', 'manager', ['tax']);
    const made = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: 'city-wide',
    });
    expect(made.status).toBe(201);
    dataset = made.body;
    expect(dataset.department).toBeNull();
    const upload = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'scope.csv', content: readFixture(FIXTURE) },
      MAPPING,
    );
    expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: 22 });
  }, 60_000);

  it('forces the analyst’s department into their run: 8 journeys touching tax, of 11', async () => {
    const all = await mineAs(null, dataset.id, { params: PARAMS });
    expect(all.filter ?? {}).toEqual({});
    expect((await resultAs(null, all.id)).body.result.summary.journeys).toBe(11);

    const theirs = await mineAs(taxAnalyst, dataset.id, { params: PARAMS });
    expect(theirs.filter).toEqual({ department: ['tax'] });
    const { status, body } = await resultAs(taxAnalyst, theirs.id);
    expect(status).toBe(200);
    expect(body.result.summary.journeys).toBe(8);
    const byService = body.result.insights!.trips!.byService.map((r) => [r.value, r.journeys]);
    expect(byService.sort()).toEqual([
      ['Residence', 2],
      ['Tax filing', 6],
    ]);
    // Analysts see small cells and journey samples.
    expect(body.result.suppression).toBeUndefined();
    expect(body.result.insights!.edges.some((e) => e.samples.length > 0)).toBe(true);
  });

  it('never widens: naming another department answers 403, other filters stay within tax', async () => {
    for (const department of [['police'], ['police', 'tax']]) {
      const refused = await as<ProblemDetails>(
        taxAnalyst,
        'POST',
        `/api/v1/datasets/${dataset.id}/runs`,
        { params: PARAMS, filter: { department } },
      );
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('scope.department-outside');
    }
    // Visa journeys touch police only: within tax there are none.
    const visa = await mineAs(taxAnalyst, dataset.id, {
      params: PARAMS,
      filter: { service: ['Visa'] },
    });
    expect(visa.filter).toEqual({ department: ['tax'], service: ['Visa'] });
    expect((await resultAs(taxAnalyst, visa.id)).body.result.summary.journeys).toBe(0);
  });

  it('hides runs mined beyond the scope: not listed, 404 when named', async () => {
    const all = await mineAs(null, dataset.id, { params: PARAMS }); // cached: the same run
    const listed = await as<RunDto[]>(taxViewer, 'GET', `/api/v1/datasets/${dataset.id}/runs`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((r) => r.id)).not.toContain(all.id);
    expect(listed.body.length).toBeGreaterThan(0);
    expect(listed.body.every((r) => r.filter?.department?.join() === 'tax')).toBe(true);
    for (const url of [`/api/v1/runs/${all.id}`, `/api/v1/runs/${all.id}/result`]) {
      const answer = await as<ProblemDetails>(taxAnalyst, 'GET', url);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('run.not-found');
    }
  });

  it('shows a viewer (and a manager) the scoped result with cells of fewer than 5 journeys hidden', async () => {
    const theirs = await mineAs(taxAnalyst, dataset.id, { params: PARAMS }); // cached
    for (const reader of [taxViewer, taxManager]) {
      const { status, body } = await resultAs(reader, theirs.id);
      expect(status).toBe(200);
      const ins: Insights = body.result.insights!;
      const byService: Record<string, TripBreakdownRow> = Object.fromEntries(
        ins.trips!.byService.map((r) => [r.value ?? '', r] as const),
      );
      expect(byService['Tax filing']).toMatchObject({ journeys: 6 });
      expect(byService['Tax filing'].suppressed).toBeUndefined();
      expect(byService.Residence).toMatchObject({ journeys: 0, trips: 0, suppressed: true });
      // By department: tax 8 journeys, police 2 (M1, M2) hidden.
      const byDepartment: Record<string, TripBreakdownRow> = Object.fromEntries(
        ins.trips!.byDepartment.map((r) => [r.value ?? '', r] as const),
      );
      expect(byDepartment.tax).toMatchObject({ journeys: 8 });
      expect(byDepartment.police).toMatchObject({ journeys: 0, suppressed: true });
      // Totals stay, and the result says what was hidden; no journey samples.
      expect(body.result.summary.journeys).toBe(8);
      expect(body.result.suppression).toMatchObject({ k: 5, samplesRemoved: true });
      expect(body.result.suppression!.byPart['insights.trips.byService']).toBe(1);
      expect(body.result.suppression!.byPart['insights.trips.byDepartment']).toBe(1);
      expect(ins.edges.every((e) => e.samples.length === 0)).toBe(true);
      expect(ins.activities.every((a) => a.samples.length === 0)).toBe(true);
    }
  });

  it('answers the timeline only to analysts, and only for journeys touching their department', async () => {
    const url = (key: string) =>
      `/api/v1/datasets/${dataset.id}/journeys/${key}/timeline?journey=case`;
    for (const reader of [taxViewer, taxManager]) {
      const refused = await as<ProblemDetails>(reader, 'GET', url('T1'));
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('auth.forbidden');
    }
    const own = await as<JourneyTimelineDto>(taxAnalyst, 'GET', url('T1'));
    expect(own.status).toBe(200);
    expect(own.body.journeys[0].events.map((e) => e.activity)).toEqual(['Apply', 'Review']);
    // M1 touches tax: kept whole, its police step included.
    const mixed = await as<JourneyTimelineDto>(taxAnalyst, 'GET', url('M1'));
    expect(mixed.status).toBe(200);
    expect(mixed.body.journeys[0].events.map((e) => e.department)).toEqual(['police', 'tax']);
    const outside = await as<ProblemDetails>(taxAnalyst, 'GET', url('P1'));
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('journey.not-found');
    // The admin sees every journey.
    expect((await as(null, 'GET', url('P1'))).status).toBe(200);
  });

  it('offers a scoped user only their departments in the facets, small counts hidden below analyst, and refuses them raw rejected rows', async () => {
    const facets = await as<FacetsDto>(taxViewer, 'GET', `/api/v1/datasets/${dataset.id}/facets`);
    expect(facets.body.departments.map((d) => d.value)).toEqual(['tax']);
    // Residence: 4 events (M1, M2), under 5: hidden from the viewer, shown to the analyst.
    expect(facets.body.services).toEqual([
      { value: 'Tax filing', events: 12 },
      { value: 'Visa', events: 6 },
      { value: 'Residence', events: 0, suppressed: true },
    ]);
    const theirs = await as<FacetsDto>(taxAnalyst, 'GET', `/api/v1/datasets/${dataset.id}/facets`);
    expect(theirs.body.services).toContainEqual({ value: 'Residence', events: 4 });
    const uploads = await as<{ id: string }[]>(
      null,
      'GET',
      `/api/v1/datasets/${dataset.id}/uploads`,
    );
    const rejected = await as<ProblemDetails>(
      taxAnalyst,
      'GET',
      `/api/v1/uploads/${uploads.body[0].id}/rejected.csv`,
    );
    expect(rejected.status).toBe(403);
    expect(rejected.body.code).toBe('scope.raw-rows');
  });

  it('lets an analyst of the owning department see every journey once the dataset is theirs', async () => {
    const moved = await fetch(`${suite.api.url}/api/v1/datasets/${dataset.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ department: 'tax' }),
    });
    expect(moved.status).toBe(200);
    const run = await mineAs(taxAnalyst, dataset.id, { params: PARAMS });
    expect(run.filter ?? {}).toEqual({});
    expect((await resultAs(taxAnalyst, run.id)).body.result.summary.journeys).toBe(11);
    const timeline = await as(
      taxAnalyst,
      'GET',
      `/api/v1/datasets/${dataset.id}/journeys/P1/timeline?journey=case`,
    );
    expect(timeline.status).toBe(200);
  });
});
