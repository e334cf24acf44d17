import { loadConfig } from '../config/config';
import { jobOptions, retryWindowMs } from './job-queue';

describe('job retries', () => {
  it('by default keep trying for over five minutes, so a short database outage is survived', () => {
    const config = loadConfig({});
    expect(jobOptions(config)).toMatchObject({
      attempts: 8,
      backoff: { type: 'exponential', delay: 5000 },
    });
    // 5 + 10 + 20 + 40 + 80 + 160 + 320 s between the eight tries.
    expect(retryWindowMs(config)).toBe(635_000);
  });

  it('follow JOB_ATTEMPTS and JOB_BACKOFF_MS', () => {
    const config = loadConfig({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '100' });
    expect(jobOptions(config)).toMatchObject({ attempts: 3, backoff: { delay: 100 } });
    expect(retryWindowMs(config)).toBe(300);
  });
});
