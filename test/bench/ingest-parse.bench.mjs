// Parse-speed benchmark for @onetrip/ingest (not a Jest test).
//   node test/bench/ingest-parse.bench.mjs [events=1000000]
// Uses the built libs/ingest (dist/, built first when missing), writes a synthetic CSV (about 120 bytes a
// row, 10 columns, ISO timestamps with offsets, some quoted fields) and a GBK copy, then
// reports rows/s for readEvents (with and without attributes; with attributes and the
// identifier guard, as the api reads), readEventBatches, and
// parseTimestamp alone.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'test/bench/out');
mkdirSync(out, { recursive: true });
// The workspace build (`node tools/build.mjs server`) with the runtime aliases the apps use, so
// that @onetrip/ingest resolves its own imports (@onetrip/contracts) as it does in the product.
if (!existsSync(path.join(root, 'dist/libs/ingest/src/index.js'))) {
  const build = spawnSync('node', ['tools/build.mjs', 'server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const require = createRequire(import.meta.url);
require(path.join(root, 'tools/runtime-paths.cjs'));
const ingest = require(path.join(root, 'dist/libs/ingest/src/index.js'));
const iconv = require('iconv-lite');

const n = Number(process.argv[2] ?? 1_000_000);
const csvPath = path.join(out, `ingest-${n}.csv`);
const asciiPath = path.join(out, `ingest-${n}.ascii.csv`);
const gbkPath = path.join(out, `ingest-${n}.gbk.csv`);
const activities = [
  'Submit application',
  'Check documents',
  'Supplement materials',
  'Approve',
  'Issue licence',
  '受理',
  '审核',
  '办结',
];
const channels = ['hall', 'online', 'app', 'mail'];

async function write(file, encode, ascii = false) {
  const ws = createWriteStream(file);
  const put = (s) =>
    ws.write(encode(s)) ? Promise.resolve() : new Promise((r) => ws.once('drain', r));
  await put('case_id,activity,timestamp,resource,channel,location,citizen,service,amount,note\n');
  let t = Date.UTC(2024, 0, 1);
  let lines = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / 10);
    t += 37_000 + (i % 7) * 1000;
    const iso = new Date(t + 8 * 3600e3).toISOString().replace('T', ' ').replace('Z', '+08:00');
    const note = i % 50 === 0 ? '"said ""hello"", left"' : 'ok';
    const act = ascii ? `Activity ${i % 30}` : activities[i % activities.length];
    lines.push(
      `C${c},${act},${iso},R${i % 97},${channels[i % 4]},Hall ${c % 13},11010519900101${String(c % 10000).padStart(4, '0')},Permit ${c % 17},${(i % 1000) / 10},${note}\n`,
    );
    if (lines.length === 10000) {
      await put(lines.join(''));
      lines = [];
    }
  }
  await put(lines.join(''));
  await new Promise((r) => ws.end(r));
}

if (!existsSync(csvPath)) await write(csvPath, (s) => s);
if (!existsSync(asciiPath)) await write(asciiPath, (s) => s, true);
if (!existsSync(gbkPath)) await write(gbkPath, (s) => iconv.encode(s, 'gbk'));

async function time(label, file, fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rows = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mb = statSync(file).size / 1e6;
  console.log(
    `${label.padEnd(46)} ${rows} rows  ${ms.toFixed(0).padStart(5)} ms  ${Math.round(
      (rows / ms) * 1000,
    )
      .toLocaleString('en-US')
      .padStart(
        10,
      )} rows/s  ${(mb / (ms / 1000)).toFixed(0)} MB/s  (cpu ${cpuMs.toFixed(0)} ms: ${Math.round((rows / cpuMs) * 1000).toLocaleString('en-US')} rows per cpu-s)`,
  );
}

async function count(file, opts) {
  let rows = 0;
  for await (const r of ingest.readEvents(file, { file, ...opts })) if (r.kind === 'event') rows++;
  if (rows !== n) throw new Error(`expected ${n} events, got ${rows}`);
  return rows;
}

console.log(
  `node ${process.version}, ${n} events, ${(statSync(csvPath).size / 1e6).toFixed(0)} MB CSV`,
);
for (let round = 0; round < 2; round++) {
  await time('readEvents ASCII CSV, attributes: false', asciiPath, () =>
    count(asciiPath, { attributes: false }),
  );
  await time('readEventBatches ASCII CSV, attributes: false', asciiPath, async () => {
    let rows = 0;
    for await (const b of ingest.readEventBatches(asciiPath, {
      file: asciiPath,
      attributes: false,
    }))
      rows += b.length;
    return rows;
  });
  await time('readEvents CSV, attributes: false', csvPath, () =>
    count(csvPath, { attributes: false }),
  );
  await time('readEvents CSV, attributes kept', csvPath, () => count(csvPath, {}));
  // As the api reads: the unmapped `citizen` column (ID-shaped values) is pseudonymized, the
  // other attribute columns watched value by value.
  await time('readEvents CSV, attributes kept, identifiers', csvPath, () =>
    count(csvPath, { identifiers: { key: 'bench-key' } }),
  );
  await time('readEventBatches CSV, attributes: false', csvPath, async () => {
    let rows = 0;
    for await (const b of ingest.readEventBatches(csvPath, { file: csvPath, attributes: false }))
      rows += b.length;
    return rows;
  });
  await time('readEvents CSV, tz Asia/Shanghai, no attributes', csvPath, () =>
    count(csvPath, { attributes: false, timezone: 'Asia/Shanghai' }),
  );
  await time('readEvents GBK CSV (detected), no attributes', gbkPath, () =>
    count(gbkPath, { attributes: false }),
  );
}
const roadTraffic = path.resolve(
  root,
  '..',
  'shared',
  'datasets',
  'real',
  'Road_Traffic_Fine_Management_Process.xes.gz',
);
if (existsSync(roadTraffic)) {
  for (let round = 0; round < 2; round++) {
    await time('readEventBatches XES.gz (road traffic, 561470)', roadTraffic, async () => {
      let rows = 0;
      for await (const b of ingest.readEventBatches(roadTraffic, {
        file: roadTraffic,
        attributes: false,
      }))
        rows += b.length;
      return rows;
    });
  }
}
const samples = [
  '2011-10-11 13:45:40.276000+02:00',
  '2010-10-04T00:00:00.000+02:00',
  '2024/3/5 8:05',
  '20240305080500',
];
for (const s of samples) {
  const t0 = performance.now();
  let k = 0;
  for (let i = 0; i < 1_000_000; i++) k += ingest.parseTimestamp(s, 'Asia/Shanghai') ?? 0;
  const ms = performance.now() - t0;
  console.log(
    `parseTimestamp ${JSON.stringify(s).padEnd(36)} ${Math.round((1e6 / ms) * 1000).toLocaleString('en-US')} /s ${k > 0 ? '' : '!'}`,
  );
}
