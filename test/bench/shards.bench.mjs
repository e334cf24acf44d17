// Benchmark of sharded mining runs (not a Jest test): the same dataset mined by 1, 2 and 4 worker
// processes (wall time of the run, ratio against one worker) and each worker's peak RSS, which
// must stay bounded by its shard (SHARD_EVENTS), not by the dataset (issue 14: 20M events with
// every worker under 600 MB).
//   node test/bench/shards.bench.mjs                               2,000,000 journeys (≈ 20M events)
//   node test/bench/shards.bench.mjs --journeys=200000 --workers=1,2 --rounds=1
//   node test/bench/shards.bench.mjs --file=/tmp/sim.csv           reuse a simulated CSV
// It simulates the journeys to a CSV (onetrip simulate, streamed to disk), streams it into its own
// database through the built api (as a user uploads it), then for each round and worker count
// (alternating: 1, 2, 4, 1, 2, 4 …) starts that many workers, mines the dataset (journeys per
// citizen and service; the cached result is deleted before each run so every run mines), and
// reads every worker's VmHWM from /proc before stopping it. Drops its database at the end.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  BENCH_AUTH_HEADER,
  build,
  flags,
  json,
  machine,
  root,
  startBenchApi,
} from './support/bench-api.mjs';

const opts = flags({
  journeys: 2_000_000,
  workers: '1,2,4',
  rounds: 1,
  shardEvents: 2_000_000,
  maxShards: 64,
  file: '',
  keepFile: false,
  noBuild: false,
});
const workerCounts = String(opts.workers).split(',').map(Number);
if (!opts.noBuild) build();

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Peak (VmHWM) or current (VmRSS) resident memory of a process, in bytes. */
function memoryOf(pid, field = 'VmHWM') {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return m ? Number(m[1]) * 1024 : 0;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Streams a file from disk as a multipart upload (chunked: no length, never whole in memory). */
function uploadFile(base, datasetId, file, mapping) {
  const boundary = `----onetrip${Date.now()}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1/datasets/${datasetId}/uploads`,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          authorization: BENCH_AUTH_HEADER,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n` +
        `${JSON.stringify(mapping)}\r\n--${boundary}\r\nContent-Disposition: form-data; ` +
        `name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const source = createReadStream(file);
    source.on('error', reject);
    source.pipe(req, { end: false });
    source.on('end', () => req.end(`\r\n--${boundary}--\r\n`));
  });
}

function startWorker(env) {
  const child = spawn(
    process.execPath,
    ['-r', './tools/runtime-paths.cjs', 'dist/apps/worker/src/main.js'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString('utf8');
      if (/worker ready/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${output}`)));
  });
  return {
    child,
    ready,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

const file = opts.file || path.join(os.tmpdir(), `onetrip-shards-bench-${process.pid}.csv`);
if (!opts.file || !existsSync(file)) {
  const t0 = performance.now();
  await run(process.execPath, [
    'apps/cli/bin/onetrip.js',
    'simulate',
    '--journeys',
    String(opts.journeys),
    '--seed',
    'shards-bench',
    '--out',
    file,
    '--quiet',
  ]);
  console.log(`simulated ${mb(statSync(file).size)} in ${seconds(performance.now() - t0)}`);
}

const config = {
  SHARD_EVENTS: String(opts.shardEvents),
  MAX_SHARDS: String(opts.maxShards),
  MAX_UPLOAD_BYTES: String(64 * 2 ** 30),
  COSTLY_RATE_LIMIT_PER_MINUTE: '100000',
};
const api = await startBenchApi('shards', config);
const workerEnv = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${api.dbName}`,
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: api.dbName,
  PSEUDONYM_KEY: 'benchmark-pseudonym-key-0123456789',
  // 'log' for the "worker ready" line the bench waits for.
  LOG_LEVEL: 'log',
  WORKER_CONCURRENCY: '1',
  ...config,
};
const rows = [];
try {
  const dataset = (await json('POST', `${api.base}/api/v1/datasets`, { name: 'shards bench' }))
    .body;
  const t0 = performance.now();
  const upload = await uploadFile(api.base, dataset.id, file, { citizen: 'citizen_id' });
  if (upload.status !== 201) throw new Error(`upload: ${JSON.stringify(upload.body)}`);
  const uploadMs = performance.now() - t0;
  const { eventCount } = (await json('GET', `${api.base}/api/v1/datasets/${dataset.id}`)).body;
  console.log(
    `uploaded ${eventCount.toLocaleString('en')} events in ${seconds(uploadMs)} ` +
      `(api peak RSS ${mb(api.memory('VmHWM'))})`,
  );

  for (let round = 0; round < opts.rounds; round++) {
    for (const count of workerCounts) {
      await api.db.query('DELETE FROM mining_run WHERE dataset_id = $1', [dataset.id]);
      const workers = Array.from({ length: count }, () => startWorker(workerEnv));
      await Promise.all(workers.map((w) => w.ready));
      const started = performance.now();
      const created = await json('POST', `${api.base}/api/v1/datasets/${dataset.id}/runs`, {
        params: { journey: 'citizen+service', inPerson: ['hall'] },
      });
      let runDto = created.body;
      while (!['completed', 'failed', 'cancelled'].includes(runDto.status)) {
        await new Promise((r) => setTimeout(r, 250));
        runDto = (await json('GET', `${api.base}/api/v1/runs/${runDto.id}`)).body;
      }
      const wallMs = performance.now() - started;
      if (runDto.status !== 'completed') throw new Error(`run ${runDto.status}: ${runDto.error}`);
      const peaks = workers.map((w) => memoryOf(w.child.pid));
      const { rows: shardRows } = await api.db.query(
        'SELECT count(*)::int AS n, count(DISTINCT worker)::int AS w FROM run_shard WHERE run_id = $1',
        [runDto.id],
      );
      await Promise.all(workers.map((w) => w.stop()));
      rows.push({ round, count, wallMs, peaks, shards: shardRows[0].n, used: shardRows[0].w });
      console.log(
        `round ${round + 1}, ${count} worker(s): ${seconds(wallMs)}, shards ${shardRows[0].n} ` +
          `(run by ${shardRows[0].w} workers), peak RSS per worker ${peaks.map(mb).join(' / ')}`,
      );
    }
  }
} finally {
  await api.stop();
  if (!opts.file && !opts.keepFile) unlinkSync(file);
}

console.log(`\n${machine()}, SHARD_EVENTS ${opts.shardEvents}, journeys ${opts.journeys}`);
console.log(
  '| workers | runs | wall (median) | ratio to 1 worker | highest peak RSS of a worker |',
);
console.log(
  '| ------: | ---: | ------------: | ----------------: | ---------------------------: |',
);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const base = median(rows.filter((r) => r.count === workerCounts[0]).map((r) => r.wallMs));
for (const count of workerCounts) {
  const mine = rows.filter((r) => r.count === count);
  const wall = median(mine.map((r) => r.wallMs));
  console.log(
    `| ${count} | ${mine.length} | ${seconds(wall)} | ${(base / wall).toFixed(2)} | ` +
      `${mb(Math.max(...mine.flatMap((r) => r.peaks)))} |`,
  );
}
