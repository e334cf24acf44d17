/**
 * Issue 15: a hall queue export with one row per ticket and Chinese headers, uploaded through the
 * api. The preview recognises the layout and suggests the queue activities its rows become; the
 * upload saves them with the dataset; runs use them; changing them (PATCH) re-mines.
 *
 * Hand count (Asia/Shanghai, journey = ticket):
 *   A001 H1 taken 09:00, called 09:12, served 09:13–09:25  → wait 12 min
 *   A002 H1 taken 09:05, never called                      → abandoned
 *   A003 H1 taken 09:10, called 09:40, served 09:41–10:00  → wait 30 min
 *   B001 H2 taken 10:00, called 10:06, served 10:07–10:20  → wait 6 min
 *   B002 H2 taken 10:30, never called                      → abandoned
 * Waits 720, 1800, 360 s: 3 waits, 2880 s in all, median 720 s; 5 tickets, 2 abandoned (none by
 * an event), 1 of 3 at H1 and 1 of 2 at H2. Counted to the start of service instead (call
 * activity 窗口办理, whose start is the service start): 780, 1860, 420 s, 3060 s in all.
 */
import type { DatasetDto, QueueActivities, UploadDto, UploadPreviewDto } from '@onetrip/contracts';
import { getJson, postJson } from '../support/http';
import { apiWorkerSuite, mineDataset } from '../support/services';

const EXPORT = [
  '票号,大厅,取号时间,叫号时间,开始服务时间,完成时间,窗口',
  'A001,H1,2024-03-04 09:00:00,2024-03-04 09:12:00,2024-03-04 09:13:00,2024-03-04 09:25:00,W1',
  'A002,H1,2024-03-04 09:05:00,,,,',
  'A003,H1,2024-03-04 09:10:00,2024-03-04 09:40:00,2024-03-04 09:41:00,2024-03-04 10:00:00,W2',
  'B001,H2,2024-03-04 10:00:00,2024-03-04 10:06:00,2024-03-04 10:07:00,2024-03-04 10:20:00,W1',
  'B002,H2,2024-03-04 10:30:00,,,,',
  '',
].join('\n');

describe('a one-row-per-ticket queue export uploaded through the api', () => {
  const suite = apiWorkerSuite('queue_ticket_rows');

  function form(fields: Record<string, string>): FormData {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([EXPORT]), '排队导出.csv');
    return body;
  }

  async function mine(datasetId: string, params?: object) {
    const { run, result } = await mineDataset(suite.api.url, datasetId, params ? { params } : {});
    return { run, queue: result.insights?.queueWaits };
  }

  async function patch(datasetId: string, body: unknown): Promise<Response> {
    return fetch(`${suite.api.url}/api/v1/datasets/${datasetId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('maps directly, gives the hand-counted waits and abandoned tickets, and re-mines when the queue activities change', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: '排队',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    expect(ds.queueActivities).toBeNull();

    const previewed = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form({}),
    });
    expect(previewed.status).toBe(200);
    const preview = (await previewed.json()) as UploadPreviewDto;
    expect(preview.suggestedLayout).toBe('ticket-rows');
    expect(preview.savedQueueActivities).toBeNull();
    const suggested = preview.suggestedQueueActivities[''];
    expect(suggested).toEqual({ ticket: ['取号'], call: ['叫号'], abandon: [] });

    const uploaded = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form({
        layout: 'ticket-rows',
        mapping: JSON.stringify({ location: '大厅' }),
        queueActivities: JSON.stringify(suggested),
      }),
    });
    const report = (await uploaded.json()) as UploadDto;
    expect(uploaded.status).toBe(201);
    // 3 called tickets × (ticket, call, service) + 2 tickets never called.
    expect(report.rowsAccepted).toBe(11);
    const saved = (await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${ds.id}`)).body;
    expect(saved.queueActivities).toEqual(suggested);

    const first = await mine(ds.id);
    expect(first.run.params).toMatchObject({
      queueStartActivities: ['取号'],
      queueEndActivities: ['叫号'],
      queueAbandonActivities: [],
    });
    expect(first.queue).toMatchObject({
      count: 3,
      seconds: { total: 2880, median: 720 },
      tickets: 5,
      abandoned: 2,
      abandonedByEvent: 0,
    });
    const byHall = [...(first.queue?.abandonedByHall ?? [])].sort((a, b) =>
      String(a.value).localeCompare(String(b.value)),
    );
    expect(byHall).toEqual([
      { value: 'H1', tickets: 3, abandoned: 1, rate: 1 / 3 },
      { value: 'H2', tickets: 2, abandoned: 1, rate: 1 / 2 },
    ]);

    // The wait counted to the start of service: PATCH the call activity, a new run.
    const toService: QueueActivities = { ticket: ['取号'], call: ['窗口办理'], abandon: [] };
    const patched = await patch(ds.id, { queueActivities: toService });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as DatasetDto).queueActivities).toEqual(toService);
    const second = await mine(ds.id);
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.run.cached).toBe(false);
    expect(second.queue).toMatchObject({ count: 3, seconds: { total: 3060 }, abandoned: 2 });

    // The run's own params win over the dataset's.
    const own = await mine(ds.id, { queueEndActivities: ['叫号'] });
    expect(own.queue).toMatchObject({ count: 3, seconds: { total: 2880 } });

    // Back to the first names: the first run answers.
    expect((await patch(ds.id, { queueActivities: suggested })).status).toBe(200);
    const again = await mine(ds.id);
    expect(again.run).toMatchObject({ id: first.run.id, cached: true });

    // Cleared: the default names, which include 取号 and 叫号.
    expect((await patch(ds.id, { queueActivities: null })).status).toBe(200);
    const cleared = await mine(ds.id);
    expect(cleared.run.params).not.toHaveProperty('queueStartActivities');
    expect(cleared.queue).toMatchObject({ count: 3, seconds: { total: 2880 }, abandoned: 2 });
  }, 90_000);

  it('refuses queue activities that are not lists of names, at upload and later, and an unknown layout', async () => {
    const ds = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'bad' }))
      .body;
    const upload = async (fields: Record<string, string>) => {
      const res = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
        method: 'POST',
        body: form(fields),
      });
      return { status: res.status, body: (await res.json()) as { code: string; detail: string } };
    };
    const bad = await upload({ layout: 'ticket-rows', queueActivities: '{"ticket":["取号"]}' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('upload.queue-activities-invalid');
    expect(bad.body.detail).toContain('queueActivities.call');
    const layout = await upload({ layout: 'one-per-ticket' });
    expect(layout.status).toBe(400);
    expect(layout.body.code).toBe('upload.options-invalid');
    expect(layout.body.detail).toContain('layout');

    const body = new FormData();
    body.append('layout', 'ticket-rows');
    body.append('file', new Blob(['{"票号":"A1","取号时间":"2024-03-04 09:00:00"}\n']), 'q.ndjson');
    const ndjson = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body,
    });
    const refused = (await ndjson.json()) as { status: number; detail: string };
    expect(ndjson.status).toBeGreaterThanOrEqual(400);
    expect(ndjson.status).toBeLessThan(500);
    expect(refused.detail).toContain('reads CSV and .xlsx only, not NDJSON');

    const later = await patch(ds.id, {
      queueActivities: { ticket: [], call: ['叫号'], abandon: [] },
    });
    expect(later.status).toBe(400);
    const unchanged = (await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${ds.id}`)).body;
    expect(unchanged.queueActivities).toBeNull();
  });
});
