// Read-speed benchmark for .xlsx workbooks in @onetrip/ingest (not a Jest test).
//   node test/bench/ingest-xlsx.bench.mjs [rows=200000]
// Writes a workbook of one sheet (writeXlsx: shared strings for text, date serials with a date
// format, 6 columns as a hall export has them) and the same rows as CSV, then reports rows/s
// for readEventBatches on both (attributes kept, Asia/Shanghai).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'test/bench/out');
mkdirSync(out, { recursive: true });
if (!existsSync(path.join(root, 'dist/libs/ingest/src/index.js'))) {
  const build = spawnSync('node', ['tools/build.mjs', 'server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const require = createRequire(import.meta.url);
require(path.join(root, 'tools/runtime-paths.cjs'));
const ingest = require(path.join(root, 'dist/libs/ingest/src/index.js'));

const n = Number(process.argv[2] ?? 200_000);
const activities = ['受理', '审核', '补正材料', '办结', 'Submit', 'Approve'];
const header = ['办件编号', '环节名称', '办理时间', '窗口', '渠道', '备注'];
const rows = [header];
const csv = [header.join(',')];
let serial = 45292.375; // 2024-01-01 09:00
for (let i = 0; i < n; i++) {
  serial += 41 / 86400;
  const c = `BJ${Math.floor(i / 6)}`;
  const a = activities[i % activities.length];
  const w = `窗口 ${i % 24}`;
  const ch = i % 3 === 0 ? '网上' : '大厅';
  rows.push([c, a, { serial }, w, ch, i % 10 === 0 ? '加急' : null]);
  csv.push([c, a, ingest.serialToText(serial, false), w, ch, i % 10 === 0 ? '加急' : ''].join(','));
}
const xlsxPath = path.join(out, `ingest-${n}.xlsx`);
const csvPath = path.join(out, `ingest-${n}.for-xlsx.csv`);
writeFileSync(xlsxPath, ingest.writeXlsx([{ name: '办件', rows }]));
writeFileSync(csvPath, csv.join('\n') + '\n');

async function time(file) {
  const t0 = performance.now();
  let events = 0;
  for await (const batch of ingest.readEventBatches(file, {
    file,
    timezone: 'Asia/Shanghai',
    mapping: { caseId: '办件编号', activity: '环节名称', timestamp: '办理时间' },
  })) {
    for (const r of batch) if (r.kind === 'event') events++;
  }
  const s = (performance.now() - t0) / 1000;
  if (events !== n) throw new Error(`${file}: ${events} events, expected ${n}`);
  return s;
}

for (const [label, file] of [
  ['xlsx', xlsxPath],
  ['csv (same rows)', csvPath],
]) {
  await time(file); // warm-up
  const s = Math.min(await time(file), await time(file));
  const mb = statSync(file).size / 1e6;
  console.log(
    `${label.padEnd(16)} ${n} rows, ${mb.toFixed(1)} MB: ${s.toFixed(2)} s, ${Math.round(n / s).toLocaleString('en')} rows/s`,
  );
}
