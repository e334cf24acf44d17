/**
 * `onetrip mine` against PM4Py 2.7 on the thirteen public logs in ../shared/datasets/real (see
 * SOURCES.md there) with the tolerances of issue 3: counts exact; edge mean and median durations
 * within 1% or 1 s; case-duration mean and median within 1%; for the start/complete logs
 * (bpi_challenge_2012, CCC19) service times and waits within 1%. The logs are never copied into
 * the repository; without the folder every test here fails and says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createMiner, type MiningResult } from '@onetrip/mining';
import { parseMineArgs } from '../../apps/cli/src/mine/args';
import { readIntoMiner, type ReadCounts } from '../../apps/cli/src/mine/read-into-miner';

const ROOT = path.resolve(__dirname, '..', '..');
const DATASETS = path.resolve(ROOT, '..', 'shared', 'datasets');
const REAL = path.join(DATASETS, 'real');
const REFERENCE = path.join(DATASETS, 'reference');

/** Every log of SOURCES.md; a fixed list, so a missing file fails instead of being skipped. */
const LOGS = [
  '15_bpic2020_permit_log_1t_per_variant.xes.gz',
  'BPIC15_1.xes.gz',
  'BPIC15_2.xes.gz',
  'BPIC15_3.xes.gz',
  'BPIC15_4.xes.gz',
  'CCC19.xes.gz',
  'Hospital_log.xes.gz',
  'Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz',
  'Road_Traffic_Fine_Management_Process.xes.gz',
  'bpi_challenge_2012.xes.gz',
  'receipt.csv',
  'roadtraffic100traces.csv',
  'roadtraffic100traces.xes',
];
/** Logs with start and complete events: plain `mine` pairs them (the `.interval` reference). */
const LIFECYCLE_LOGS = new Set(['CCC19.xes.gz', 'bpi_challenge_2012.xes.gz']);

interface RefEdge {
  source: string;
  target: string;
  frequency: number;
  mean_s: number;
  median_s: number;
}
interface Reference {
  events: number;
  cases: number;
  activities: number;
  activity_counts: Record<string, number>;
  start_activities: Record<string, number>;
  end_activities: Record<string, number>;
  dfg: RefEdge[];
  variants_total: number;
  variants_top: { count: number; activities: string[] }[];
  case_duration_s: { mean: number; median: number };
  interval?: {
    activity_instances: number;
    service_time_s: Record<string, { mean: number; median: number }>;
    waiting_dfg: RefEdge[];
  };
}

function requireDatasets(): void {
  if (!fs.existsSync(REAL) || !fs.existsSync(REFERENCE)) {
    throw new Error(
      `the shared datasets folder is missing: expected ${REAL} and ${REFERENCE} ` +
        '(a sibling of the repository in this environment and in CI). The reference suite ' +
        'cannot run without it and does not count as passed.',
    );
  }
}

function reference(log: string, kind: 'pm4py' | 'interval.pm4py'): Reference {
  requireDatasets();
  return JSON.parse(
    fs.readFileSync(path.join(REFERENCE, `${log}.${kind}.json`), 'utf8'),
  ) as Reference;
}

/** Mines through the CLI's own argument parsing and ingest glue, in process. */
async function mineInProcess(log: string, flags: string[] = []): Promise<MiningResult> {
  requireDatasets();
  const args = parseMineArgs([path.join(REAL, log), ...flags, '--json']);
  const miner = createMiner(args.mining);
  const counts: ReadCounts = { events: 0, rejected: 0, addMs: 0, addCpuMs: 0 };
  for (const file of args.files) await readIntoMiner(file, args, miner, counts);
  return miner.result();
}

const within = (ours: number, theirs: number, relative: number, absolute = 0): boolean =>
  Math.abs(ours - theirs) <= Math.max(relative * Math.abs(theirs), absolute);

function counts(items: { activity: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(items.map((a) => [a.activity, a.count]));
}

/** Differences from the plain (lifecycle ignored) reference, as readable lines; [] = agree. */
function compareBasic(ours: MiningResult, ref: Reference): string[] {
  const problems: string[] = [];
  const expectEqual = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      problems.push(`${what}: ours ${JSON.stringify(a)}, reference ${JSON.stringify(b)}`);
  };
  expectEqual('events', ours.summary.events, ref.events);
  expectEqual('cases', ours.summary.cases, ref.cases);
  expectEqual('activities', ours.summary.activities, ref.activities);
  const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort());
  expectEqual('activity counts', sorted(counts(ours.activities)), sorted(ref.activity_counts));
  expectEqual(
    'start activities',
    sorted(counts(ours.startActivities)),
    sorted(ref.start_activities),
  );
  expectEqual('end activities', sorted(counts(ours.endActivities)), sorted(ref.end_activities));
  const edges = new Map(ours.dfg.map((e) => [`${e.from} -> ${e.to}`, e]));
  expectEqual('DFG edge count', ours.dfg.length, ref.dfg.length);
  for (const r of ref.dfg) {
    const key = `${r.source} -> ${r.target}`;
    const e = edges.get(key);
    if (!e) {
      problems.push(`edge ${key}: missing`);
      continue;
    }
    if (e.count !== r.frequency)
      problems.push(`edge ${key}: count ${e.count}, reference ${r.frequency}`);
    const d = e.durationSeconds;
    if (!within(d.mean, r.mean_s, 0.01, 1))
      problems.push(`edge ${key}: mean ${d.mean} s, reference ${r.mean_s} s`);
    if (!within(d.median, r.median_s, 0.01, 1))
      problems.push(`edge ${key}: median ${d.median} s, reference ${r.median_s} s`);
  }
  // The CLI lists the 100 most frequent variants by default; summary.variants counts them all.
  expectEqual('variant count', ours.summary.variants ?? ours.variants.length, ref.variants_total);
  expectEqual(
    'top variants',
    ours.variants.slice(0, ref.variants_top.length),
    ref.variants_top.map((v) => ({ activities: v.activities, count: v.count })),
  );
  const lead = ours.leadTimeSeconds;
  const cd = ref.case_duration_s;
  if (!within(lead.mean, cd.mean, 0.01))
    problems.push(`case duration mean ${lead.mean} s, reference ${cd.mean} s`);
  if (!within(lead.median, cd.median, 0.01))
    problems.push(`case duration median ${lead.median} s, reference ${cd.median} s`);
  return problems;
}

/** Differences from the start/complete (interval) reference; [] = agree. */
function compareInterval(ours: MiningResult, ref: Reference): string[] {
  const interval = ref.interval;
  if (!interval) return ['reference has no interval section'];
  const problems: string[] = [];
  if (ours.summary.instances !== interval.activity_instances) {
    problems.push(
      `activity instances ${ours.summary.instances}, reference ${interval.activity_instances}`,
    );
  }
  const activities = new Map(ours.activities.map((a) => [a.activity, a]));
  for (const [name, st] of Object.entries(interval.service_time_s)) {
    const service = activities.get(name)?.serviceSeconds;
    if (service === undefined) problems.push(`activity ${name}: missing`);
    // Documented in docs/mining.md: no instance with a start → null here, 0 in PM4Py.
    else if (service === null) {
      if (st.mean !== 0 || st.median !== 0)
        problems.push(`activity ${name}: service null, reference ${JSON.stringify(st)}`);
    } else {
      if (!within(service.mean, st.mean, 0.01))
        problems.push(`activity ${name}: service mean ${service.mean}, reference ${st.mean}`);
      if (!within(service.median, st.median, 0.01))
        problems.push(`activity ${name}: service median ${service.median}, reference ${st.median}`);
    }
  }
  const edges = new Map(ours.dfg.map((e) => [`${e.from} -> ${e.to}`, e]));
  if (ours.dfg.length !== interval.waiting_dfg.length) {
    problems.push(`DFG edge count ${ours.dfg.length}, reference ${interval.waiting_dfg.length}`);
  }
  for (const r of interval.waiting_dfg) {
    const key = `${r.source} -> ${r.target}`;
    const e = edges.get(key);
    if (!e) {
      problems.push(`edge ${key}: missing`);
      continue;
    }
    if (e.count !== r.frequency)
      problems.push(`edge ${key}: count ${e.count}, reference ${r.frequency}`);
    if (!within(e.waitSeconds.mean, r.mean_s, 0.01))
      problems.push(`edge ${key}: wait mean ${e.waitSeconds.mean}, reference ${r.mean_s}`);
    if (!within(e.waitSeconds.median, r.median_s, 0.01))
      problems.push(`edge ${key}: wait median ${e.waitSeconds.median}, reference ${r.median_s}`);
  }
  return problems;
}

describe('the reference logs are present', () => {
  it(`finds ${REAL} and ${REFERENCE}`, () => {
    expect(requireDatasets).not.toThrow();
  });
});

describe.each(LOGS)('%s agrees with PM4Py', (log) => {
  const plainFlags = LIFECYCLE_LOGS.has(log) ? ['--lifecycle', 'none'] : [];

  it(`with ${plainFlags.length ? '--lifecycle none' : 'default options'}: counts, DFG, variants, case durations`, async () => {
    const ours = await mineInProcess(log, plainFlags);
    expect(compareBasic(ours, reference(log, 'pm4py'))).toEqual([]);
  }, 120_000);

  if (LIFECYCLE_LOGS.has(log)) {
    it('with default options (start/complete pairing): instances, service times, waits', async () => {
      const ours = await mineInProcess(log);
      expect(compareInterval(ours, reference(log, 'interval.pm4py'))).toEqual([]);
    }, 120_000);
  }
});

describe('the built `onetrip mine` command', () => {
  const bin = path.join(ROOT, 'apps', 'cli', 'bin', 'onetrip.js');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, 'mine', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'commands', 'mine.js'))) {
      throw new Error('the CLI is not built: run `node tools/build.mjs server` before this suite');
    }
  });

  it.each(['receipt.csv', 'CCC19.xes.gz'])(
    'prints only the JSON document for %s, and it agrees',
    (log) => {
      requireDatasets();
      const plain = run([path.join(REAL, log), '--json', '--lifecycle', 'none']);
      expect(plain.stderr).toBe('');
      expect(plain.status).toBe(0);
      expect(
        compareBasic(JSON.parse(plain.stdout) as MiningResult, reference(log, 'pm4py')),
      ).toEqual([]);
    },
    60_000,
  );

  it('pairs start/complete for CCC19 by default and agrees with the interval reference', () => {
    requireDatasets();
    const paired = run([path.join(REAL, 'CCC19.xes.gz'), '--json']);
    expect(paired.status).toBe(0);
    expect(
      compareInterval(
        JSON.parse(paired.stdout) as MiningResult,
        reference('CCC19.xes.gz', 'interval.pm4py'),
      ),
    ).toEqual([]);
  }, 60_000);
});
