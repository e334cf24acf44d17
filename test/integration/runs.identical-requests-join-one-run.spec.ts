/**
 * Two people press "mine" with the same options at the same moment: both get the same run,
 * because a unique partial index allows one unfinished run per dataset version and params.
 */
import type { DatasetDto, RunDto } from '@onetrip/contracts';
import { postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

describe('identical run requests at the same moment', () => {
  const suite = apiSuite('runs_race');

  it('create one run, whichever request wins', async () => {
    const ds = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'race' }))
      .body;
    await uploadCsv(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      name: 'x.csv',
      content: 'case_id,activity,timestamp\nA,受理,2024-03-01 09:00\nA,办结,2024-03-01 10:00\n',
    });
    // No worker runs in this suite, so every run stays queued: eight rounds of eight requests.
    for (let round = 0; round < 8; round += 1) {
      const params = { journeyGapSeconds: 3600 * (round + 1) };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          postJson<RunDto>(`${suite.api.url}/api/v1/datasets/${ds.id}/runs`, { params }),
        ),
      );
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      // 202 for the request that created it, 200 for the ones that joined.
      expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(7);
    }
  });
});
