// Simulator benchmark (not a Jest test): streams 10,000,000 events to a file under
// test/bench/out/ with backpressure, as `onetrip simulate` does, and reports events per second
// and peak RSS (target ≤ 200 MB). Needs the compiled libraries: `node tools/build.mjs server`.
//
//   node test/bench/simulate.bench.mjs [--events 10000000] [--format csv|ndjson|xes] [--truth] [--keep]
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = path.join(root, 'dist', 'libs', 'simulator', 'src', 'index.js');
if (!existsSync(lib)) {
  process.stderr.write('simulate.bench: build first: node tools/build.mjs server\n');
  process.exit(2);
}
const { simulateJourneys, encoderFor, createTruth, journeyTruth, resolveOptions } = createRequire(
  import.meta.url,
)(lib);

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const target = Number(arg('events', '10000000'));
const format = arg('format', 'csv');
const withTruth = argv.includes('--truth');
const keep = argv.includes('--keep');

const outDir = path.join(root, 'test', 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `simulate-${target}.${format}`);
const out = createWriteStream(file);
const truthLines = withTruth
  ? createWriteStream(path.join(outDir, `simulate-${target}.journeys.jsonl`))
  : null;

// Enough journeys for the target (about ten events each); the loop stops at the target.
const options = resolveOptions({ journeys: Math.ceil(target / 5), seed: 'bench' });
const encoder = encoderFor(format);
const truth = withTruth ? createTruth(options) : null;

let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 200);

const started = process.hrtime.bigint();
let events = 0;
let journeys = 0;
let buffer = encoder.header();
let truthBuffer = '';
for (const journey of simulateJourneys(options)) {
  journeys++;
  for (const e of journey.events) buffer += encoder.encode(e);
  events += journey.events.length;
  if (truth) {
    truth.add(journey);
    truthBuffer += `${JSON.stringify(journeyTruth(journey))}\n`;
  }
  if (buffer.length >= 1 << 16) {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  }
  if (truthLines && truthBuffer.length >= 1 << 16) {
    if (!truthLines.write(truthBuffer)) await once(truthLines, 'drain');
    truthBuffer = '';
  }
  if ((journeys & 0x3fff) === 0) {
    process.stderr.write(`\rsimulate.bench: ${events.toLocaleString('en')} events`);
  }
  if (events >= target) break;
}
buffer += encoder.footer();
out.write(buffer);
await new Promise((resolve) => out.end(resolve));
if (truthLines) {
  truthLines.write(truthBuffer);
  await new Promise((resolve) => truthLines.end(resolve));
}
const summary = truth ? truth.result() : null;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);

const bytes = statSync(file).size;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const report = {
  events,
  journeys,
  format,
  truth: withTruth,
  seconds: Number(seconds.toFixed(1)),
  eventsPerSecond: Math.round(events / seconds),
  fileMB: Math.round(bytes / 1e6),
  peakRssMB: Math.round(peakRssMb),
  peakHeapMB: Math.round(peakHeap / 1048576),
  targetRssMB: 200,
  ...(summary
    ? { truthVariants: summary.variants.distinct, truthAtMostOneRate: summary.trips.atMostOneRate }
    : {}),
  node: process.version,
};
process.stderr.write('\n');
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (!keep) {
  unlinkSync(file);
  if (withTruth) unlinkSync(path.join(outDir, `simulate-${target}.journeys.jsonl`));
}
process.exitCode = peakRssMb <= 200 ? 0 : 1;
