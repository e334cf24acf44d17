/**
 * A dataset whose queue system names its steps its own way: the run params name the ticket, call
 * and abandonment activities, and the worker's insights pair and count with them. Hand-counted
 * (Asia/Shanghai): citizen li at hall H1 takes ticket T1 on Monday 16:00 and it expires at 17:00;
 * on Wednesday takes T2 at 09:00, called 09:20. One wait of 20 min, one ticket abandoned by event.
 */
import type { DatasetDto, RunDto, RunResultDto } from '@onetrip/contracts';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiWorkerSuite, waitForRun } from '../support/services';

const LOG = [
  'case_id,activity,timestamp,person,channel,hall',
  'T1,kiosk,2024-03-04 16:00:00,li,hall,H1',
  'T1,expired,2024-03-04 17:00:00,li,hall,H1',
  'T2,kiosk,2024-03-06 09:00:00,li,hall,H1',
  'T2,window,2024-03-06 09:20:00,li,hall,H1',
  '',
].join('\n');

describe('queue activities named in the run params', () => {
  const suite = apiWorkerSuite('queue_params');

  it('pair and count the tickets with those names', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: 'queue',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    const upload = await uploadCsv(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`,
      { name: 'queue.csv', content: LOG },
      {
        caseId: 'case_id',
        activity: 'activity',
        timestamp: 'timestamp',
        citizen: 'person',
        channel: 'channel',
        location: 'hall',
      },
    );
    expect(upload.status).toBe(201);
    const params = {
      journey: 'citizen',
      queueStartActivities: ['kiosk'],
      queueEndActivities: ['window'],
      queueAbandonActivities: ['expired'],
    };
    const created = await postJson<RunDto>(`${suite.api.url}/api/v1/datasets/${ds.id}/runs`, {
      params,
    });
    expect(created.status).toBe(202);
    expect((await waitForRun(suite.api.url, created.body.id)).status).toBe('completed');
    const { result } = (
      await getJson<RunResultDto>(`${suite.api.url}/api/v1/runs/${created.body.id}/result`)
    ).body;
    expect(result.insights?.queueWaits).toMatchObject({
      count: 1,
      seconds: { total: 1200 },
      tickets: 2,
      abandoned: 1,
      abandonedByEvent: 1,
      abandonedByHall: [{ value: 'H1', tickets: 2, abandoned: 1, rate: 0.5 }],
    });
    expect(result.insights?.queueWaits.byHourWeekday).toEqual([
      { weekday: 3, hour: 9, count: 1, meanSeconds: 1200, medianSeconds: 1200 },
    ]);
    // Without the params, none of these activities is a queue step.
    const plain = await postJson<RunDto>(`${suite.api.url}/api/v1/datasets/${ds.id}/runs`, {
      params: { journey: 'citizen' },
    });
    await waitForRun(suite.api.url, plain.body.id);
    const other = (
      await getJson<RunResultDto>(`${suite.api.url}/api/v1/runs/${plain.body.id}/result`)
    ).body.result;
    expect(other.insights?.queueWaits).toMatchObject({ count: 0, tickets: 0 });
  });
});
