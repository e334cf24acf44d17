// Benchmark of `onetrip mine` (not a Jest test). Run after `node tools/build.mjs server`:
//   node test/bench/mine.bench.mjs              1,000,000 events: the whole command (median wall
//                                               time of --runs 5, alternating the scenarios), the
//                                               parse/mine split, peak RSS, start-up of --help
//   node test/bench/mine.bench.mjs --scenario no-insights   one scenario (see SCENARIOS)
//   node test/bench/mine.bench.mjs --events 10000000   the 10M run (peak RSS; takes minutes)
//   node test/bench/mine.bench.mjs --engine     also time the engine alone, fed in memory
//   node test/bench/mine.bench.mjs --engine --insights   the engine alone with the insights on
// The generated log goes to test/bench/out/ (git-ignored) and is reused when present.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'test', 'bench', 'out');
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    engine: { type: 'boolean', default: false },
    insights: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    scenario: { type: 'string' },
  },
});
const events = Number(values.events);
const ACTIVITIES = 30;
const CHANNELS = ['hall', 'online', 'phone', 'mobile'];
const LOCATIONS = ['Huangpu hall', 'Xuhui hall', 'Pudong hall', "Jing'an hall", 'Minhang hall'];

/** Deterministic pseudo-random numbers (mulberry32): the same log on every machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * About ten events per journey (4 to 16), 30 activities with a skewed next-step choice, mixed
 * channels (40% hall), five halls; one journey per case, citizens with about 1.5 cases each.
 */
function* rows(total) {
  const next = random(42);
  const start = Date.UTC(2024, 0, 1);
  let produced = 0;
  for (let j = 0; produced < total; j += 1) {
    const length = Math.min(total - produced, 4 + Math.floor(next() * 13));
    let t = start + Math.floor(next() * 300 * 86400) * 1000;
    let activity = 0;
    const location = LOCATIONS[Math.floor(next() * LOCATIONS.length)];
    const citizen = `citizen-${Math.floor(j / 1.5)}`;
    for (let k = 0; k < length; k += 1) {
      const channel = next() < 0.4 ? 'hall' : CHANNELS[1 + Math.floor(next() * 3)];
      t += Math.floor(next() * (next() < 0.7 ? 3600 : 5 * 86400)) * 1000;
      yield `case-${j},A${String(activity).padStart(2, '0')},${new Date(t).toISOString()},${channel},${channel === 'hall' ? location : ''},${citizen},R${Math.floor(next() * 200)}\n`;
      activity = (activity + 1 + Math.floor(next() * next() * 5)) % ACTIVITIES;
      produced += 1;
    }
  }
}

function generate(file, total) {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(out, { recursive: true });
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let buffer = 'case_id,activity,timestamp,channel,location,citizen,resource\n';
  for (const row of rows(total)) {
    buffer += row;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return true;
}

/**
 * What is timed: the whole process, as a user runs it (`node apps/cli/bin/onetrip.js mine …`,
 * which is what `npx onetrip` and an installed `onetrip` run after their own start-up). Each
 * scenario is one set of options; runs of the scenarios alternate so that machine drift hits
 * them alike. Wall-time runs do not pass --timings; one extra run per scenario does, for the
 * parse/mine split and the peak RSS.
 */
const SCENARIOS = {
  // What PM4Py is compared on (read, DFG, performance DFG, variants, case durations).
  'no-insights': ['--json', '--no-insights'],
  // The command's defaults: insights on, the 100 most frequent variants.
  defaults: ['--json'],
  // As the figures of 29 November 2026 were taken: every variant, no insights.
  'all-variants': ['--json', '--no-insights', '--variants', 'all'],
};
const BIN = path.join(root, 'apps', 'cli', 'bin', 'onetrip.js');

function runCli(file, options, timings) {
  const args = [BIN, 'mine', file, '--channel', 'channel', '--location', 'location', ...options];
  if (timings) args.push('--timings');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`onetrip mine failed (${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout).summary;
  if (!timings) return { wallMs, summary };
  const line = r.stderr.split('\n').find((l) => l.startsWith('timings '));
  if (!line) throw new Error(`no timings on stderr: ${r.stderr}`);
  return { wallMs, ...JSON.parse(line.slice('timings '.length)), summary };
}

/** Wall time of a command that prints and exits (start-up alone). */
function wallOf(command, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (ms) => +(ms / 1000).toFixed(3);

const file = path.join(out, `mine-${events}.csv`);
const t0 = performance.now();
if (generate(file, events)) {
  process.stderr.write(
    `generated ${file} (${(fs.statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
const names = values.scenario ? values.scenario.split(',') : Object.keys(SCENARIOS);
for (const name of names) if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}`);
const walls = Object.fromEntries(names.map((n) => [n, []]));
const loadBefore = os.loadavg();
for (let i = 0; i < Number(values.runs); i += 1) {
  for (const name of names) walls[name].push(runCli(file, SCENARIOS[name], false).wallMs);
}
const startup = { binHelp: [], npxHelp: [] };
for (let i = 0; i < Number(values.runs); i += 1) {
  startup.binHelp.push(wallOf(process.execPath, [BIN, '--help']));
  startup.npxHelp.push(wallOf('npx', ['onetrip', '--help']));
}
const scenarios = {};
for (const name of names) {
  const t = runCli(file, SCENARIOS[name], true);
  const wall = median(walls[name]);
  scenarios[name] = {
    options: SCENARIOS[name].join(' '),
    wallSecondsMedian: seconds(wall),
    wallSeconds: walls[name].map(seconds),
    eventsPerSecond: Math.round(t.events / (wall / 1000)),
    // From the one --timings run: where the time goes inside the process.
    split: {
      parseSeconds: seconds(t.readMs),
      addSeconds: seconds(t.addMs),
      resultSeconds: seconds(t.resultMs),
      parseEventsPerCpuSecond: Math.round(t.events / (t.readCpuMs / 1000)),
      mineEventsPerCpuSecond: Math.round(t.events / ((t.addCpuMs + t.resultCpuMs) / 1000)),
    },
    peakRssMB: Math.round(t.peakRssBytes / 2 ** 20),
    events: t.events,
    journeys: t.summary.journeys,
  };
}
const report = {
  node: process.version,
  file: path.relative(root, file),
  bytes: fs.statSync(file).size,
  runs: Number(values.runs),
  loadAverageAfter: os.loadavg().map((l) => +l.toFixed(2)),
  loadAverageBefore: loadBefore.map((l) => +l.toFixed(2)),
  startupSecondsMedian: {
    'node apps/cli/bin/onetrip.js --help': seconds(median(startup.binHelp)),
    'npx onetrip --help': seconds(median(startup.npxHelp)),
  },
  scenarios,
};
if (values.engine) report.engineOnly = await engineOnly(events);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

/** The engine alone on the same log shape, events built in memory beforehand (dist build). */
async function engineOnly(total) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  require(path.join(root, 'tools', 'runtime-paths.cjs'));
  const { createMiner } = require(path.join(root, 'dist', 'libs', 'mining', 'src', 'index.js'));
  const parsed = [];
  for (const row of rows(Math.min(total, 2_000_000))) {
    const [caseId, activity, ts, channel, location, citizen] = row.trimEnd().split(',');
    parsed.push({
      caseId,
      activity,
      timestamp: Date.parse(ts),
      channel,
      location: location || null,
      citizen,
    });
  }
  const best = { addMs: Infinity, resultMs: Infinity };
  for (let i = 0; i < 3; i += 1) {
    const miner = createMiner(values.insights ? { insights: true } : {});
    const a = performance.now();
    for (const e of parsed) miner.add(e);
    const b = performance.now();
    miner.result();
    const c = performance.now();
    if (c - a < best.addMs + best.resultMs) Object.assign(best, { addMs: b - a, resultMs: c - b });
  }
  return {
    insights: values.insights,
    events: parsed.length,
    addMs: Math.round(best.addMs),
    resultMs: Math.round(best.resultMs),
    eventsPerSecond: Math.round(parsed.length / ((best.addMs + best.resultMs) / 1000)),
  };
}
