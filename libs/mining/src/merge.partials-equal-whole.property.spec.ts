import fc from 'fast-check';
import { finalize, mergePartials, mine, type MiningEvent, type MiningOptions } from './index';
import { HOUR, T0, partialsByJourneyKey, partialsThroughJson } from './test-events';

// Random logs: few citizens, cases, activities and locations so that edges, ties, rework, trips,
// lifecycle pairs and journey gaps all occur often. Timestamps are whole minutes over 60 days.
// A case belongs to one citizen and one service, as in real data: partials are split by journey
// key, and `cases` adds across partials only if no case spans two keys (see docs/mining.md).
const CASES: Record<string, [string, string]> = {
  c1: ['li', 'permit'],
  c2: ['li', 'license'],
  c3: ['li', 'permit'],
  c4: ['wang', 'permit'],
  c5: ['wang', 'license'],
  c6: ['zhang', 'permit'],
};
const eventArb = fc.record({
  caseId: fc.constantFrom(...Object.keys(CASES)),
  activity: fc.constantFrom('apply', 'review', 'pay', 'collect', 'supplement'),
  minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  startBefore: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  lifecycle: fc.constantFrom(null, 'start', 'complete', 'COMPLETE', 'schedule'),
  channel: fc.constantFrom(null, 'hall', 'online'),
  location: fc.constantFrom(null, 'A', 'B'),
});
type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(raw: RawEvent): MiningEvent {
  const timestamp = T0 + raw.minute * 60_000;
  return {
    caseId: raw.caseId,
    citizen: CASES[raw.caseId][0],
    service: CASES[raw.caseId][1],
    activity: raw.activity,
    timestamp,
    // a start-timestamp column only on events without lifecycle, as in a real CSV
    startTimestamp:
      raw.lifecycle === null && raw.startBefore !== null
        ? timestamp - raw.startBefore * 60_000
        : null,
    lifecycle: raw.lifecycle,
    channel: raw.channel,
    location: raw.location,
  };
}

const optionsArb: fc.Arbitrary<Partial<MiningOptions>> = fc.record({
  journey: fc.constantFrom('case' as const, 'citizen' as const, 'citizen+service' as const),
  lifecycle: fc.constantFrom('auto' as const, 'none' as const),
  journeyGapMs: fc.constantFrom(HOUR, 10 * 24 * HOUR, 30 * 24 * HOUR),
});

const logArb = fc.array(eventArb, { minLength: 0, maxLength: 80 }).map((raws) => raws.map(toEvent));

describe('merging partial results equals mining everything at once', () => {
  it('for any split of the journeys into shards', () => {
    fc.assert(
      fc.property(
        logArb,
        optionsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.func(fc.nat()),
        (events, options, shards, assign) => {
          const whole = mine(events, options);
          const merged = finalize(
            mergePartials(partialsByJourneyKey(events, options, assign, shards)),
          );
          expect(merged).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('whatever the order of the partials', () => {
    fc.assert(
      fc.property(
        logArb,
        optionsArb,
        fc.func(fc.nat()),
        fc.integer(),
        (events, options, assign, seed) => {
          const parts = partialsByJourneyKey(events, options, assign, 4);
          expect(finalize(mergePartials(shuffle(parts, seed)))).toEqual(
            finalize(mergePartials(parts)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('whatever the order of the events, when no two events share an instant', () => {
    fc.assert(
      fc.property(logArb, optionsArb, fc.integer(), (events, options, seed) => {
        // Ties are ordered by input order by definition; without ties order must not matter.
        const distinct = events.map((e, i) => ({ ...e, timestamp: e.timestamp + i }));
        expect(mine(shuffle(distinct, seed), options)).toEqual(mine(distinct, options));
      }),
      { numRuns: 200 },
    );
  });

  it('after a round trip of every partial through JSON (jsonb-safe)', () => {
    fc.assert(
      fc.property(logArb, optionsArb, fc.func(fc.nat()), (events, options, assign) => {
        const { texts, parts } = partialsThroughJson(events, options, assign, 3);
        // storable in PostgreSQL jsonb, which refuses \u0000
        for (const text of texts) expect(text).not.toContain('\\u0000');
        expect(finalize(mergePartials(parts))).toEqual(mine(events, options));
      }),
      { numRuns: 200 },
    );
  });
});

/** Fisher–Yates with a small seeded generator (mulberry32), so failures reproduce. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('merging equals mining at once beyond the exact-quantile limit (DDSketch)', () => {
  it('for logs whose edges and lead times hold thousands of values', () => {
    fc.assert(
      fc.property(fc.integer(), fc.func(fc.nat()), (seed, assign) => {
        // 6,000 cases × 4 steps: apply→review and the lead time hold 6,000 values (> 4,096, a
        // sketch), review→approve about 3,000 (exact); each shard's partial holds fewer.
        const events: MiningEvent[] = [];
        let state = seed >>> 0;
        const next = (n: number): number => {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          return state % n;
        };
        for (let c = 0; c < 6000; c += 1) {
          let t = T0 + next(1000) * 60_000;
          for (const activity of ['apply', 'review', next(2) ? 'approve' : 'reject', 'notify']) {
            t += next(5000) * 60_000;
            events.push({ caseId: `c${c}`, activity, timestamp: t });
          }
        }
        const options = {};
        const whole = mine(events, options);
        const mergedPartial = mergePartials(partialsByJourneyKey(events, options, assign, 3));
        expect(mergedPartial.leadTime.exact).toBe(false);
        expect(finalize(mergedPartial)).toEqual(whole);
      }),
      { numRuns: 5 },
    );
  });
});
