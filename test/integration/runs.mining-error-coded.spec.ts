/**
 * Issue 16: a run that cannot mine the data (a start time after the completion, as BPIC15_1 gives
 * with a case-level date mapped as start) fails at once with a code and its parameters, so the
 * web app can say it in the user's language and name the column to check.
 */
import type { DatasetDto, RunDto } from '@onetrip/contracts';
import { postJson, uploadCsv } from '../support/http';
import { apiWorkerSuite, waitForRun } from '../support/services';

describe('a run that cannot mine its data', () => {
  const suite = apiWorkerSuite('run_error_code');

  it('fails with start-after-complete, the event, case and both times', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'bad start' })
    ).body;
    const upload = await uploadCsv(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`,
      {
        name: 'starts.csv',
        content:
          'case_id,activity,timestamp,start\n' +
          'A,受理,2024-03-01T09:00:00Z,2024-03-01T08:00:00Z\n' +
          'B,受理,2024-03-01T09:00:00Z,2024-03-05T00:00:00Z\n',
      },
      { startTimestamp: 'start' },
    );
    expect(upload.status).toBe(201);
    const created = await postJson<RunDto>(`${suite.api.url}/api/v1/datasets/${ds.id}/runs`, {});
    const run = await waitForRun(suite.api.url, created.body.id);
    expect(run).toMatchObject({
      status: 'failed',
      errorCode: 'start-after-complete',
      errorParams: {
        caseId: 'B',
        field: 'startTimestamp',
        start: '2024-03-05T00:00:00.000Z',
        complete: '2024-03-01T09:00:00.000Z',
      },
    });
    expect(run.error).toContain('is after timestamp');
  }, 60_000);
});
