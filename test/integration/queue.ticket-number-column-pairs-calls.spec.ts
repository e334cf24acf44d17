/**
 * Issue 15: an event log whose case id is the application (办件编号) and whose ticket number is a
 * column of its own (票号). Saved as the dataset's ticket-number column, it makes each call take
 * the ticket with its number; without it, the oldest waiting ticket.
 *
 * Hand count (Asia/Shanghai, case BJ1 at hall H1): tickets A001 at 09:00 and B002 at 09:05;
 * B002 called 09:25, A001 called 09:40.
 *   by number: B002 20 min, A001 40 min → waits 1200, 2400 s; p90 = 1200 + 0.9 × 1200 = 2280 s
 *   oldest first: A001 25 min, B002 35 min → waits 1500, 2100 s; p90 = 1500 + 0.9 × 600 = 2040 s
 * Both: 3600 s in all, median 1800 s.
 */
import type { DatasetDto, UploadPreviewDto } from '@onetrip/contracts';
import { postJson } from '../support/http';
import { apiWorkerSuite, mineDataset } from '../support/services';

const LOG = [
  '办件编号,票号,环节,时间,大厅',
  'BJ1,A001,取号,2024-03-04 09:00:00,H1',
  'BJ1,B002,取号,2024-03-04 09:05:00,H1',
  'BJ1,B002,叫号,2024-03-04 09:25:00,H1',
  'BJ1,A001,叫号,2024-03-04 09:40:00,H1',
  '',
].join('\n');
const MAPPING = { caseId: '办件编号', activity: '环节', timestamp: '时间', location: '大厅' };

describe('a ticket-number column in an uploaded event log', () => {
  const suite = apiWorkerSuite('queue_ticket_number');

  function form(fields: Record<string, string>): FormData {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([LOG]), '叫号记录.csv');
    return body;
  }

  async function mine(datasetId: string) {
    const { run, result } = await mineDataset(suite.api.url, datasetId);
    return { run, queue: result.insights?.queueWaits };
  }

  it('pairs each call with the ticket of its number', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: '票号',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    const previewed = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form({}),
    });
    const preview = (await previewed.json()) as UploadPreviewDto;
    expect(preview.suggestedLayout).toBe('events');
    const suggested = preview.suggestedQueueActivities['环节'];
    expect(suggested).toEqual({
      ticket: ['取号'],
      call: ['叫号'],
      abandon: [],
      ticketNumber: '票号',
    });

    const uploaded = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form({ mapping: JSON.stringify(MAPPING), queueActivities: JSON.stringify(suggested) }),
    });
    expect(uploaded.status).toBe(201);

    const byNumber = await mine(ds.id);
    expect(byNumber.run.params).toMatchObject({ queueTicketAttribute: '票号' });
    expect(byNumber.queue).toMatchObject({
      count: 2,
      seconds: { total: 3600, median: 1800, p90: 2280 },
      tickets: 2,
      abandoned: 0,
    });

    const { ticketNumber: _dropped, ...withoutNumber } = suggested;
    const patched = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queueActivities: withoutNumber }),
    });
    expect(patched.status).toBe(200);
    const oldest = await mine(ds.id);
    expect(oldest.run.id).not.toBe(byNumber.run.id);
    expect(oldest.run.params).not.toHaveProperty('queueTicketAttribute');
    expect(oldest.queue).toMatchObject({ count: 2, seconds: { total: 3600, p90: 2040 } });
  }, 60_000);
});
