/**
 * Partial results stored by the mining code of fbe43fd (before the insights became one file per
 * measure) must still read: the worker's merge job reads partials that shard jobs of an earlier
 * deploy may have written. The fixture holds a small log with every field the insights use, and
 * the JSON of its two shards as fbe43fd wrote it; the expected values are that old JSON and the
 * figures counted by hand from the log, not the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createMiner,
  finalize,
  mergePartials,
  mine,
  partialFromJson,
  partialToJson,
  type MiningEvent,
  type MiningOptions,
  type MiningResult,
  type PartialResultJson,
} from '@onetrip/mining';

interface StoredPartials {
  options: Partial<MiningOptions>;
  shardCitizens: string[][];
  events: MiningEvent[];
  shards: PartialResultJson[];
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'ok', 'mining', 'partials-fbe43fd.json');
const stored = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as StoredPartials;
const { options, events } = stored;

/** Partial fields added after fbe43fd (return causes, bottlenecks by side): old partials lack them. */
const ADDED_PARTIAL_FIELDS = [
  'returnCauses',
  'returnPurposes',
  'citizenWaits',
  'governmentWaits',
  'tripsCaused',
  'backOfficeWorking',
  'workingCalendar',
  'kpiSeries',
];
/** Result fields finished from them. */
const ADDED_RESULT_FIELDS = ['returnCauses', 'bottlenecks', 'deadlines', 'kpiSeries'] as const;

function withoutAdded(result: MiningResult): MiningResult {
  if (!result.insights) return result;
  const insights: Record<string, unknown> = { ...result.insights };
  for (const field of ADDED_RESULT_FIELDS) delete insights[field];
  return { ...result, insights: insights as unknown as MiningResult['insights'] };
}

/** Fields counted since fbe43fd (abandoned queue tickets per hall, deadlines), absent from its partials. */
const SINCE = { partial: ['queueTickets', 'queueClosedByEvent', 'deadlines'] as const };

function withoutNewQueueFields(json: PartialResultJson): PartialResultJson {
  if (!json.insights) return json;
  const insights: Record<string, unknown> = { ...json.insights };
  for (const key of SINCE.partial) delete insights[key];
  return { ...json, insights: insights as unknown as PartialResultJson['insights'] };
}

/**
 * Rework was redefined since fbe43fd: repeated hall-queue steps (a second visit's ticket and call)
 * are no longer rework. Stored partials keep the figures they were mined with, so the comparisons
 * with today's engine leave every rework count out; the figures are checked on their own below.
 * The trips each department is responsible for (tripsCaused) and back-office waits in working
 * time (workingSeconds, under workingCalendar) were not counted then at all.
 */
const REWORK_KEYS = new Set([
  'rework',
  'reworkRate',
  'reworkJourneys',
  'extraOccurrences',
  'tripsCaused',
  'returnTripsCaused',
  'workingSeconds',
  'workingCalendar',
]);

function withoutRework<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutRework(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !REWORK_KEYS.has(key))
      .map(([key, v]) => [key, withoutRework(v)]),
  ) as T;
}

describe('partials stored by fbe43fd', () => {
  it('merge and finish into what mining the whole log gives today, but the figures added since', () => {
    const merged = finalize(mergePartials(stored.shards.map(partialFromJson)), options);
    const whole = mine(events, options);
    // fbe43fd did not count tickets per hall: those figures read as none.
    expect(merged.insights?.queueWaits).toMatchObject({
      tickets: 0,
      abandonedRate: null,
      abandonedByHall: [],
    });
    if (!merged.insights || !whole.insights) throw new Error('no insights');
    const q = whole.insights.queueWaits;
    expect(withoutRework(withoutAdded(merged))).toEqual(
      withoutRework(
        withoutAdded({
          ...whole,
          insights: {
            ...whole.insights,
            queueWaits: { ...q, tickets: 0, abandonedRate: null, abandonedByHall: [] },
          },
        }),
      ),
    );
  });

  it('read as having no return causes and no waits by side (they were not measured)', () => {
    const insights = finalize(mergePartials(stored.shards.map(partialFromJson)), options).insights;
    expect(insights?.returnCauses).toEqual({ causes: [], purposes: [] });
    expect(insights?.bottlenecks).toEqual({ government: [], citizen: [] });
  });

  it('hold the figures counted by hand from the log', () => {
    const insights = finalize(mergePartials(stored.shards.map(partialFromJson)), options).insights;
    // Journeys: c1/Permit (two trips: H1, then H2), c1/Licence and c2 (online only), c3 (one trip).
    expect(insights?.kpis.journeys).toBe(4);
    expect(insights?.kpis.tripsPerJourney).toBe(3 / 4);
    expect(insights?.kpis.zeroTripRate).toBe(2 / 4);
    // Rework as fbe43fd counted it: c1/Permit supplements twice, c3 takes two tickets.
    expect(insights?.kpis.reworkRate).toBe(2 / 4);
    // Not counted then: no department is credited with trips (rather than 0 for each).
    for (const row of insights?.trips?.byDepartment ?? [])
      expect(row).not.toHaveProperty('tripsCaused');
    // Today c3's second ticket is a queue step repeated, not rework.
    expect(mine(events, options).insights?.kpis.reworkRate).toBe(1 / 4);
    // Queue: 20 min at H1, 45 min at H2, c3's first ticket waits 50 min; its second is uncalled.
    expect(insights?.queueWaits.count).toBe(3);
    expect(insights?.queueWaits.uncalled).toBe(1);
    expect(insights?.queueWaits.seconds?.total).toBe((20 + 45 + 50) * 60);
    // Today's code also counts the tickets per hall: c3's two and c1's first at H1, c1's second
    // at H2; c3's second ticket is the abandoned one (no event closed it).
    expect(mine(events, options).insights?.queueWaits).toMatchObject({
      tickets: 4,
      abandoned: 1,
      abandonedByEvent: 0,
      abandonedRate: 0.25,
      abandonedByHall: [
        { value: 'H1', tickets: 3, abandoned: 1, rate: 1 / 3 },
        { value: 'H2', tickets: 1, abandoned: 0, rate: 0 },
      ],
    });
    // On c1's second trip: ticket, call, collect.
    expect(insights?.returnReasons.map((r) => r.activity)).toEqual([
      'Called to window',
      'Collect',
      'Take queue ticket',
    ]);
  });

  it('are what today’s code stores for the same shards, besides the fields added since', () => {
    const today = stored.shardCitizens.map((citizens) => {
      const part = events.filter((e) => citizens.includes(e.citizen ?? ''));
      const miner = createMiner(options);
      for (const e of part) miner.add(e);
      const json = JSON.parse(JSON.stringify(partialToJson(miner.partial()))) as PartialResultJson;
      const insights = json.insights as unknown as Record<string, unknown>;
      for (const field of ADDED_PARTIAL_FIELDS) {
        expect(insights).toHaveProperty(field);
        delete insights[field];
      }
      return json;
    });
    expect(withoutRework(today.map(withoutNewQueueFields))).toEqual(withoutRework(stored.shards));
    for (const shard of today)
      expect(Object.keys(shard.insights ?? {})).toEqual(expect.arrayContaining([...SINCE.partial]));
  });
});
