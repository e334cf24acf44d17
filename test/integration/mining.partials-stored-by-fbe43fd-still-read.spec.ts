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
const ADDED_PARTIAL_FIELDS = ['returnCauses', 'returnPurposes', 'citizenWaits', 'governmentWaits'];
/** Result fields finished from them. */
const ADDED_RESULT_FIELDS = ['returnCauses', 'bottlenecks'] as const;

function withoutAdded(result: MiningResult): MiningResult {
  if (!result.insights) return result;
  const insights: Record<string, unknown> = { ...result.insights };
  for (const field of ADDED_RESULT_FIELDS) delete insights[field];
  return { ...result, insights: insights as unknown as MiningResult['insights'] };
}

describe('partials stored by fbe43fd', () => {
  it('merge and finish into exactly what mining the whole log gives today', () => {
    const merged = finalize(mergePartials(stored.shards.map(partialFromJson)), options);
    expect(withoutAdded(merged)).toEqual(withoutAdded(mine(events, options)));
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
    // Rework: c1/Permit supplements twice, c3 takes two tickets.
    expect(insights?.kpis.reworkRate).toBe(2 / 4);
    // Queue: 20 min at H1, 45 min at H2, c3's first ticket waits 50 min; its second is uncalled.
    expect(insights?.queueWaits.count).toBe(3);
    expect(insights?.queueWaits.uncalled).toBe(1);
    expect(insights?.queueWaits.seconds?.total).toBe((20 + 45 + 50) * 60);
    // On c1's second trip: ticket, call, collect.
    expect(insights?.returnReasons.map((r) => r.activity)).toEqual([
      'Called to window',
      'Collect',
      'Take queue ticket',
    ]);
  });

  it('are what today’s code stores for the same shards (same fields, same values)', () => {
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
    expect(today).toEqual(stored.shards);
  });
});
