/**
 * Issue 17 part 7: after a burst of full scans, /api/health reported PostgreSQL down for two
 * minutes because its `SELECT 1` waited behind them for a pool connection. Health now pings on
 * a connection of its own. Here every connection of the api's main pool is held by a long
 * query while the dashboard fires heavy reads, and health must still answer `up`.
 */
import type { DatasetDto, HealthDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

/** pg's default pool size, which the api's DataSource uses. */
const POOL_SIZE = 10;
/** Longer than the health check's own timeout (2 s), so a check waiting for the pool fails. */
const HOLD_SECONDS = 5;

function csv(rows: number): string {
  const lines = ['case_id,activity,timestamp,service'];
  for (let i = 0; i < rows; i += 1) {
    const ts = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    lines.push(`C${Math.floor(i / 10)},A${i % 10},${ts},S${i % 4}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('/api/health while heavy reads hold the main pool', () => {
  const suite = apiSuite('health_busy');

  it('reports PostgreSQL up during the burst and after it', async () => {
    const base = suite.api.url;
    const dataset = (await postJson<DatasetDto>(`${base}/api/v1/datasets`, { name: 'busy' })).body;
    const up = await uploadCsv(`${base}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'events.csv',
      content: csv(3000),
    });
    expect(up.status).toBe(201);

    const dataSource = suite.api.app.get(DataSource, { strict: false });
    const holders = Array.from({ length: POOL_SIZE + 2 }, () =>
      dataSource.query(`SELECT pg_sleep(${HOLD_SECONDS})`),
    );
    const reads = [
      ...Array.from({ length: 10 }, () => getJson(`${base}/api/v1/datasets/${dataset.id}/facets`)),
      ...Array.from({ length: 20 }, (_, i) =>
        getJson(`${base}/api/v1/datasets/${dataset.id}/journeys/C${i}/timeline`),
      ),
    ];
    const observer = new Client({ connectionString: suite.db.url });
    await observer.connect();
    try {
      // Wait (no deadline but Jest's) until the whole pool is busy sleeping.
      for (;;) {
        const { rows } = await observer.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'onetrip'
             AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
        );
        if (Number(rows[0].n) >= POOL_SIZE) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const during = await getJson<HealthDto>(`${base}/api/health`);
      expect(during.status).toBe(200);
      expect(during.body.checks.postgres).toBe('up');
    } finally {
      await observer.end();
    }

    await Promise.all(holders);
    const answers = await Promise.all(reads);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    const after = await getJson<HealthDto>(`${base}/api/health`);
    expect(after.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  }, 60_000);
});
