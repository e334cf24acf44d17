// Upload-speed benchmark through the HTTP API (not a Jest test).
//   node test/bench/ingest-http.bench.mjs [events=1000000] [--no-build]
// Builds the server (node tools/build.mjs server), writes a synthetic CSV of about 120 bytes a
// row (11 columns, Chinese and Latin activity names, ISO timestamps with offsets, 18-digit
// citizen ids, some quoted fields) and the same as GBK, creates its own database next to
// BENCH_DATABASE_ADMIN_URL's (default postgres://postgres@127.0.0.1:5432/postgres), starts the
// built api on it, and streams each file as multipart/form-data into a fresh dataset:
//   utf-8 (first upload), gbk (first upload), utf-8 again into the first dataset (all duplicates).
// Reports events/s (request start → report received) and the api process's peak RSS (VmHWM from
// /proc/<pid>/status, which is the peak over the process's whole life). Drops the database.
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BENCH_AUTH_HEADER, build, json, machine, startBenchApi } from './support/bench-api.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'test/bench/out');
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
if (!args.includes('--no-build')) build();

// ---------------------------------------------------------------------------------------------
// Data: deterministic, about 10 events per case and 10 cases per citizen.
const activities = [
  '提交申请',
  '受理',
  '材料审核',
  '补正材料',
  '审批',
  '办结',
  'Submit application',
  'Issue licence',
];
const channels = ['hall', 'online', 'app', 'mail'];
const departments = ['市场监管局', '人社局', 'Housing Bureau', 'Tax Office'];

async function writeCsv(file, encode) {
  const ws = createWriteStream(file);
  const put = (s) =>
    ws.write(encode(s)) ? Promise.resolve() : new Promise((r) => ws.once('drain', r));
  await put(
    'case_id,activity,timestamp,resource,channel,location,department,citizen,service,amount,note\n',
  );
  let t = Date.UTC(2024, 0, 1);
  let lines = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / 10);
    t += 37_000 + (i % 7) * 1000;
    const iso = new Date(t + 8 * 3600e3).toISOString().replace('T', ' ').replace('Z', '+08:00');
    const note = i % 50 === 0 ? '"said ""hello"", left"' : 'ok';
    lines.push(
      `C${c},${activities[i % activities.length]},${iso},R${i % 97},${channels[i % 4]},Hall ${c % 13},` +
        `${departments[c % 4]},11010519900101${String(Math.floor(c / 10) % 10000).padStart(4, '0')},` +
        `Permit ${c % 17},${(i % 1000) / 10},${note}\n`,
    );
    if (lines.length === 10_000) {
      await put(lines.join(''));
      lines = [];
    }
  }
  await put(lines.join(''));
  await new Promise((r) => ws.end(r));
}

const utf8Path = path.join(out, `ingest-http-${n}.csv`);
const gbkPath = path.join(out, `ingest-http-${n}.gbk.csv`);
if (!existsSync(utf8Path)) await writeCsv(utf8Path, (s) => s);
if (!existsSync(gbkPath)) await writeCsv(gbkPath, (s) => iconv.encode(s, 'gbk'));

// ---------------------------------------------------------------------------------------------
// Database and api (test/bench/support/bench-api.mjs, shared with the other HTTP benchmarks).
const api = await startBenchApi(
  'http',
  {
    MAX_UPLOAD_BYTES: String(2 * 1024 ** 3),
    ...(process.env.BENCH_API_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS }
      : {}),
  },
  { nodeFlags: (process.env.BENCH_API_FLAGS ?? '').split(' ').filter(Boolean) },
);
const { base } = api;

/** CPU seconds (user + system) the api process has used so far. */
function apiCpuSeconds() {
  const fields = readFileSync(`/proc/${api.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds used so far by each of the database sessions that write the upload. */
async function sampleDatabaseCpu(seen) {
  const r = await api.admin.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'onetrip-copy'`,
    [api.dbName],
  );
  for (const { pid } of r.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      seen.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // A remote database, or the session just ended: no figure.
    }
  }
}

/** Streams a file as the only part of a multipart form; resolves with the parsed report. */
function upload(datasetId, file) {
  const boundary = `----onetrip${Date.now()}`;
  const mapping = JSON.stringify({
    caseId: 'case_id',
    activity: 'activity',
    timestamp: 'timestamp',
    resource: 'resource',
    channel: 'channel',
    location: 'location',
    department: 'department',
    citizen: 'citizen',
    service: 'service',
  });
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${mapping}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1/datasets/${datasetId}/uploads`,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': length,
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
    req.write(head);
    const rs = createReadStream(file, { highWaterMark: 256 * 1024 });
    rs.pipe(req, { end: false });
    rs.on('end', () => req.end(tail));
  });
}

try {
  console.log(JSON.stringify({ apiIdleRssMb: +(api.memory('VmRSS') / 1e6).toFixed(0) }));
  const results = [];
  const run = async (label, datasetId, file) => {
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, api.memory('VmRSS'))), 50);
    const dbCpu = new Map();
    const dbSampler = setInterval(() => void sampleDatabaseCpu(dbCpu).catch(() => undefined), 250);
    const cpu0 = apiCpuSeconds();
    const t0 = performance.now();
    const r = await upload(datasetId, file);
    const apiCpu = apiCpuSeconds() - cpu0;
    const s = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    clearInterval(dbSampler);
    if (r.status !== 201) throw new Error(`${label}: ${r.status} ${JSON.stringify(r.body)}`);
    const row = {
      label,
      events: r.body.rowsRead,
      inserted: r.body.rowsAccepted,
      duplicates: r.body.rowsDuplicate,
      mb: +(statSync(file).size / 1e6).toFixed(1),
      seconds: +s.toFixed(2),
      eventsPerSecond: Math.round(r.body.rowsRead / s),
      apiCpuSeconds: +apiCpu.toFixed(2),
      // Sampled every 250 ms: a lower bound (the last fraction of a second is missed).
      dbSessionCpuSeconds: +[...dbCpu.values()].reduce((a, b) => a + b, 0).toFixed(2),
      peakRssDuringMb: +(peakRss / 1e6).toFixed(0),
      vmHwmMb: +(api.memory('VmHWM') / 1e6).toFixed(0),
    };
    results.push(row);
    console.log(JSON.stringify(row));
  };
  const a = (await json('POST', `${base}/api/v1/datasets`, { name: 'bench utf-8' })).body;
  const b = (await json('POST', `${base}/api/v1/datasets`, { name: 'bench gbk' })).body;
  await run('utf-8, first upload', a.id, utf8Path);
  await run('gbk, first upload', b.id, gbkPath);
  await run('utf-8 again (all duplicates)', a.id, utf8Path);
  console.log(machine());
} finally {
  await api.stop();
}
