/**
 * The simulator's ground truth, recovered by mining its log: the world was built so that the
 * mining contract's definitions (journey by citizen + service with a 30-day gap, trips as runs of
 * hall instances at one location with a 4-hour gap, directly-follows edges in order of start)
 * give back exactly what the world did. Truth comes from the simulator's own records; the
 * figures on the other side come from @onetrip/mining reading the written files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readEvents, type NormalizedEvent } from '@onetrip/ingest';
import { mine, type MiningEvent, type MiningResult } from '@onetrip/mining';
import {
  createTruth,
  resolveOptions,
  simulate,
  simulateJourneys,
  toCsv,
  toNdjson,
  toXes,
  type GroundTruth,
  type SimulationOptions,
} from '@onetrip/simulator';

const MINING = { journey: 'citizen+service', inPerson: ['hall'] } as const;

function truthOf(options: SimulationOptions): GroundTruth {
  const truth = createTruth(options);
  for (const journey of simulateJourneys(options)) truth.add(journey);
  return truth.result();
}

type Row = Record<string, string>;

function eventsFromCsv(csv: string): MiningEvent[] {
  const rows = parse<Row>(csv, { columns: true });
  return rows.map((r) => ({
    caseId: r.case_id,
    activity: r.activity,
    timestamp: Date.parse(r.timestamp),
    startTimestamp: Date.parse(r.start_timestamp),
    citizen: r.citizen_id,
    service: r.service,
    channel: r.channel,
    location: r.location === '' ? null : r.location,
    department: r.department,
    resource: r.resource,
    sourceSystem: r.source_system,
  }));
}

const byEdge = (a: { from: string; to: string }, b: { from: string; to: string }): number =>
  a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1;
const byActivity = (a: { activity: string }, b: { activity: string }): number =>
  a.activity < b.activity ? -1 : 1;

/** Every figure of the contract that the truth states, compared exactly. */
function expectAgreement(result: MiningResult, truth: GroundTruth): void {
  expect(result.summary.events).toBe(truth.events);
  expect(result.summary.cases).toBe(truth.cases);
  expect(result.summary.journeys).toBe(truth.journeys);
  expect(result.summary.activities).toBe(truth.activities);

  expect(result.trips).not.toBeNull();
  expect(result.trips?.total).toBe(truth.trips.total);
  expect(result.trips?.distribution).toEqual(truth.trips.distribution);
  expect(result.trips?.atMostOneRate).toBe(truth.trips.atMostOneRate);
  expect(result.trips?.perJourneyMean).toBeCloseTo(truth.trips.perJourneyMean, 12);

  expect(result.dfg.map((e) => ({ from: e.from, to: e.to, count: e.count })).sort(byEdge)).toEqual(
    truth.dfg.map((e) => ({ from: e.from, to: e.to, count: e.count })).sort(byEdge),
  );
  const mined = new Map(result.dfg.map((e) => [`${e.from}→${e.to}`, e]));
  for (const edge of truth.dfg) {
    const m = mined.get(`${edge.from}→${edge.to}`);
    expect(m?.durationSeconds.total).toBe(edge.durationSecondsTotal);
    expect(m?.waitSeconds.total).toBe(edge.waitSecondsTotal);
  }

  expect(
    result.activities.map((a) => ({ activity: a.activity, count: a.count })).sort(byActivity),
  ).toEqual([...truth.activityCounts].sort(byActivity));
  expect([...result.startActivities].sort(byActivity)).toEqual(
    [...truth.startActivities].sort(byActivity),
  );
  expect([...result.endActivities].sort(byActivity)).toEqual(
    [...truth.endActivities].sort(byActivity),
  );
  expect(result.variants.length).toBe(truth.variants.distinct);
  expect(result.variants.slice(0, 5).map((v) => v.count)).toEqual(
    truth.variants.top.slice(0, 5).map((v) => v.count),
  );
  expect(result.leadTimeSeconds.mean).toBeCloseTo(truth.leadTimeSeconds.mean, 6);
}

describe('mining the simulator output recovers its ground truth exactly', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'onetrip-sim-truth-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a year of 3,000 journeys before and after the reform, merged CSV, English', () => {
    const options = resolveOptions({ journeys: 3000, seed: 'ground-truth' });
    const truth = truthOf(options);
    const result = mine(eventsFromCsv([...toCsv(simulate(options))].join('')), MINING);
    expectAgreement(result, truth);
    // Sanity: the world really has repeat trips, give-ups and same-citizen journeys to get right.
    expect(truth.trips.distribution['3']).toBeGreaterThan(50);
    expect(truth.journeys).toBe(3000);
  });

  it('in Simplified Chinese, over a window with Spring Festival and its make-up Saturdays', () => {
    const options = resolveOptions({
      journeys: 1500,
      seed: 7,
      lang: 'zh-CN',
      start: '2026-01-15',
      days: 60,
      reformDate: '2026-02-01',
    });
    const truth = truthOf(options);
    const result = mine(eventsFromCsv([...toCsv(simulate(options))].join('')), MINING);
    expectAgreement(result, truth);
    expect(truth.activityCounts.map((a) => a.activity)).toContain('取号');
  });

  async function mineFile(file: string, text: string): Promise<MiningResult> {
    writeFileSync(file, text);
    const events: NormalizedEvent[] = [];
    const mapping = {
      caseId: file.endsWith('.xes') ? 'concept:name' : 'case_id',
      activity: file.endsWith('.xes') ? 'concept:name' : 'activity',
      timestamp: file.endsWith('.xes') ? 'time:timestamp' : 'timestamp',
      startTimestamp: 'start_timestamp',
      citizen: 'citizen_id',
      service: 'service',
      channel: 'channel',
      location: 'location',
      resource: file.endsWith('.xes') ? 'org:resource' : 'resource',
    };
    for await (const record of readEvents(file, { file, mapping, attributes: false })) {
      if (record.kind === 'rejected') throw new Error(`line ${record.line}: ${record.reason}`);
      events.push(record.event);
    }
    return mine(events, MINING);
  }

  it('NDJSON read back by @onetrip/ingest mines to the same truth', async () => {
    const options = resolveOptions({ journeys: 800, seed: 'ndjson' });
    const result = await mineFile(
      path.join(dir, 'log.ndjson'),
      [...toNdjson(simulate(options))].join(''),
    );
    expectAgreement(result, truthOf(options));
  });

  it('XES (one trace per case) read back by @onetrip/ingest mines to the same truth', async () => {
    const options = resolveOptions({ journeys: 800, seed: 'xes', lang: 'zh-CN' });
    const result = await mineFile(
      path.join(dir, 'log.xes'),
      [...toXes(simulate(options))].join(''),
    );
    expectAgreement(result, truthOf(options));
  });
});
