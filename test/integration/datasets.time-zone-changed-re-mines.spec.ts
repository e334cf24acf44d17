/**
 * Issue 16: a dataset's time zone can be changed later (PATCH); the next run counts hours and
 * months in the new zone (a new run with `timeZone` in its params, never the cached one), and
 * stored events keep their instants.
 *
 * Hand count: the one journey starts 2024-03-31T20:00Z — 2024-04-01 04:00 in Asia/Shanghai
 * (trend period 2024-04), 2024-03-31 20:00 in UTC (period 2024-03).
 */
import type { DatasetDto } from '@onetrip/contracts';
import { postJson, uploadCsv } from '../support/http';
import { apiWorkerSuite, mineDataset } from '../support/services';

describe('changing the time zone of a dataset', () => {
  const suite = apiWorkerSuite('time_zone_patch');

  const patch = (datasetId: string, body: unknown): Promise<Response> =>
    fetch(`${suite.api.url}/api/v1/datasets/${datasetId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('re-mines in the new zone and refuses a zone that does not exist', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: 'zones',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    const upload = await uploadCsv(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      name: 'zones.csv',
      content:
        'case_id,activity,timestamp\n' +
        'A,受理,2024-03-31T20:00:00Z\n' +
        'A,办结,2024-04-02T02:00:00Z\n',
    });
    expect(upload.status).toBe(201);

    const shanghai = await mineDataset(suite.api.url, ds.id);
    expect(shanghai.run.params).toMatchObject({ timeZone: 'Asia/Shanghai' });
    expect(shanghai.result.insights?.trend.map((t) => t.period)).toEqual(['2024-04']);

    const bad = await patch(ds.id, { timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('timezone');

    const changed = await patch(ds.id, { timezone: 'UTC' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as DatasetDto).timezone).toBe('UTC');

    const utc = await mineDataset(suite.api.url, ds.id);
    expect(utc.run.id).not.toBe(shanghai.run.id);
    expect(utc.run.params).toMatchObject({ timeZone: 'UTC' });
    expect(utc.result.insights?.trend.map((t) => t.period)).toEqual(['2024-03']);
    // The stored instants did not move.
    expect(utc.result.summary.events).toBe(2);
    expect(utc.result.leadTimeSeconds?.median).toBe(30 * 3600);
  }, 90_000);
});
