// Facets under load (issue 17 part 7), not a Jest test:
//   node test/bench/facets-load.bench.mjs [--clients=50] [--seconds=30] [--events=200000]
//                                         [--timeout-ms=30000] [--no-build]
// Builds the server, starts the built api on a database of its own (test/bench/support/
// bench-api.mjs), uploads a synthetic dataset, then runs `clients` loops of
// GET /api/v1/datasets/:id/facets for `seconds` on a cold cache (nothing computed or stored
// yet), then as long again on the warm cache. Meanwhile /api/health is polled every 250 ms, and
// for 5 s after the load. Prints per phase: requests/s, p50/p99/max latency, timeouts (no answer
// within timeout-ms), errors, time to the first answer, and how often health said PostgreSQL
// was up or down. Loopback only; stops by itself; asserts nothing timed.
import { performance } from 'node:perf_hooks';
import {
  build,
  flags,
  json,
  machine,
  percentile,
  startBenchApi,
  uploadCsv,
} from './support/bench-api.mjs';

const opts = flags({
  clients: 50,
  seconds: 30,
  events: 200_000,
  timeoutMs: 30_000,
  noBuild: false,
});
if (!opts.noBuild) build();

const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  service: 'service',
  department: 'department',
  location: 'location',
  channel: 'channel',
};
const channels = ['hall', 'online', 'app', 'mail'];

function csv(n) {
  const lines = ['case_id,activity,timestamp,service,department,location,channel'];
  let t = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / 10);
    t += 37_000 + (i % 7) * 1000;
    lines.push(
      `C${c},A${i % 10},${new Date(t).toISOString()},Permit ${c % 17},D${c % 9},` +
        `Hall ${c % 40},${channels[i % 4]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Polls /api/health until stopped; counts what PostgreSQL was reported as. */
function healthSampler(base) {
  const counts = { up: 0, down: 0, noAnswer: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2500) });
        const body = await r.json();
        counts[body?.checks?.postgres === 'up' ? 'up' : 'down'] += 1;
      } catch {
        counts.noAnswer += 1;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return counts;
  };
}

async function phase(name, base, url) {
  const latencies = [];
  let timeouts = 0;
  let errors = 0;
  let firstAnswerMs = null;
  const stopHealth = healthSampler(base);
  const t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          const r = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
          await r.arrayBuffer();
          if (r.status !== 200) errors += 1;
          else {
            latencies.push(performance.now() - s);
            firstAnswerMs ??= performance.now() - t0;
          }
        } catch (e) {
          if (e?.name === 'TimeoutError') timeouts += 1;
          else errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const health = await stopHealth();
  const ms = (v) => (v === null ? null : Math.round(v));
  console.log(
    JSON.stringify({
      phase: name,
      clients: opts.clients,
      seconds: +seconds.toFixed(1),
      requests: latencies.length,
      requestsPerSecond: Math.round(latencies.length / seconds),
      p50Ms: ms(percentile(latencies, 50)),
      p99Ms: ms(percentile(latencies, 99)),
      maxMs: ms(percentile(latencies, 100)),
      firstAnswerMs: ms(firstAnswerMs),
      timeouts,
      errors,
      healthPostgres: health,
    }),
  );
}

const bench = await startBenchApi('facets');
try {
  const ds = (await json('POST', `${bench.base}/api/v1/datasets`, { name: 'facets load' })).body;
  const t = performance.now();
  const up = await uploadCsv(bench.base, ds.id, 'facets.csv', csv(opts.events), MAPPING);
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
  console.log(
    JSON.stringify({
      events: up.body.rowsAccepted,
      uploadSeconds: +((performance.now() - t) / 1000).toFixed(1),
    }),
  );
  const url = `${bench.base}/api/v1/datasets/${ds.id}/facets`;
  await phase('cold', bench.base, url);
  await phase('warm', bench.base, url);
  const stopHealth = healthSampler(bench.base);
  await new Promise((r) => setTimeout(r, 5000));
  console.log(JSON.stringify({ phase: 'after (5 s)', healthPostgres: await stopHealth() }));
  console.log(
    JSON.stringify({ apiPeakRssMb: Math.round(bench.memory('VmHWM') / 1e6) }) + `  ${machine()}`,
  );
} finally {
  await bench.stop();
}
