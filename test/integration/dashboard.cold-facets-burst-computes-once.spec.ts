/**
 * Issue 17 part 7: fifty clients on a cold facets cache ran seventeen full scans at once and
 * starved the pool. Now concurrent requests for one dataset version share one computation, the
 * result is stored with the version (a second api process on the same database reads it
 * instead of scanning), and a new upload, which bumps the version, computes once again.
 * The computation is observed by spying on the real repository of each api (calls go through).
 */
import { EventQueryRepository } from '@onetrip/backend';
import type { DatasetDto, FacetsDto, UploadDto } from '@onetrip/contracts';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite, startApi, testConfig } from '../support/services';

const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  service: 'service',
  department: 'department',
  location: 'location',
  channel: 'channel',
};

/** `rows` events, ten per case, starting at case `firstCase`. */
function csv(rows: number, firstCase = 0): string {
  const lines = ['case_id,activity,timestamp,service,department,location,channel'];
  for (let i = 0; i < rows; i += 1) {
    const c = firstCase + Math.floor(i / 10);
    const ts = new Date(Date.UTC(2025, 0, 1) + c * 86_400_000 + (i % 10) * 60_000).toISOString();
    lines.push(`C${c},A${i % 10},${ts},S${c % 5},D${c % 3},H${c % 7},${i % 2 ? 'hall' : 'online'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a burst of facets requests on a cold cache', () => {
  const suite = apiSuite('facets_burst');
  let dataset: DatasetDto;

  const facetsUrl = (base: string): string => `${base}/api/v1/datasets/${dataset.id}/facets`;
  const burst = (base: string, n: number) =>
    Promise.all(Array.from({ length: n }, () => getJson<FacetsDto>(facetsUrl(base))));
  const upload = async (content: string): Promise<UploadDto> => {
    const res = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'events.csv', content },
      MAPPING,
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    dataset = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'burst' }))
      .body;
    expect((await upload(csv(3000))).rowsAccepted).toBe(3000);
  });

  afterEach(() => jest.restoreAllMocks());

  it('computes the facets once for thirty concurrent requests, and they all get the same answer', async () => {
    const repo = suite.api.app.get(EventQueryRepository, { strict: false });
    const scans = jest.spyOn(repo, 'facets');
    const answers = await burst(suite.api.url, 30);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body).toMatchObject({ datasetVersion: 1, events: 3000 });
    expect(answers[0].body.services.map((s) => s.value)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
    expect(scans).toHaveBeenCalledTimes(1);
  });

  it('lets a second api process on the same database read the stored facets without scanning', async () => {
    const first = await getJson<FacetsDto>(facetsUrl(suite.api.url));
    const other = await startApi(testConfig(suite.db));
    try {
      const scans = jest.spyOn(other.app.get(EventQueryRepository, { strict: false }), 'facets');
      const answers = await burst(other.url, 10);
      expect(answers.map((a) => a.body)).toEqual(Array(10).fill(first.body));
      expect(scans).not.toHaveBeenCalled();
    } finally {
      await other.close();
    }
  });

  it('computes once again after an upload bumps the dataset version', async () => {
    const repo = suite.api.app.get(EventQueryRepository, { strict: false });
    expect((await upload(csv(500, 300))).rowsAccepted).toBe(500);
    const scans = jest.spyOn(repo, 'facets');
    const answers = await burst(suite.api.url, 30);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body).toMatchObject({ datasetVersion: 2, events: 3500 });
    expect(scans).toHaveBeenCalledTimes(1);
  });
});
