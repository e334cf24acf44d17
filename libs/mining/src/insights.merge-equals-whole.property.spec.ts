import fc from 'fast-check';
import { finalize, mergePartials, mine, type MiningEvent, type MiningOptions } from './index';
import { HOUR, T0, partialsByJourneyKey, partialsThroughJson } from './test-events';

// Random logs with every field the insights read: services, departments, channels (citizen,
// in-person, back office), halls, queue tickets and calls, promised limits, 受理 / 办结 / 补正. A case has one citizen, one service
// and one department, so splitting by journey key never splits a case.
const CASES: Record<string, [string, string, string]> = {
  c1: ['li', 'permit', 'D1'],
  c2: ['li', 'license', 'D2'],
  c3: ['li', 'permit', 'D1'],
  c4: ['wang', 'permit', 'D1'],
  c5: ['wang', 'license', 'D2'],
  c6: ['zhang', 'permit', 'D1'],
};
const eventArb = fc.record({
  caseId: fc.constantFrom(...Object.keys(CASES)),
  activity: fc.constantFrom(
    'Take queue ticket',
    '叫号',
    '闭厅未叫号',
    'apply',
    'review',
    'supplement',
    '受理',
    '办结',
    '告知补正材料',
    '收到补正材料',
  ),
  minute: fc.integer({ min: 0, max: 90 * 24 * 60 }),
  startBefore: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  channel: fc.constantFrom(null, 'hall', 'online', 'back_office', 'hotline'),
  location: fc.constantFrom(null, 'H1', 'H2'),
  promised: fc.constantFrom(null, null, '3', '2024-04-01', '2小时', '5天'),
});
type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(raw: RawEvent): MiningEvent {
  const timestamp = T0 + raw.minute * 60_000;
  const [citizen, service, department] = CASES[raw.caseId];
  return {
    caseId: raw.caseId,
    citizen,
    service,
    department,
    activity: raw.activity,
    timestamp,
    startTimestamp: raw.startBefore === null ? null : timestamp - raw.startBefore * 60_000,
    channel: raw.channel,
    location: raw.location,
    promised: raw.promised,
  };
}

const optionsArb: fc.Arbitrary<Partial<MiningOptions>> = fc.record({
  journey: fc.constantFrom('case' as const, 'citizen' as const, 'citizen+service' as const),
  journeyGapMs: fc.constantFrom(HOUR, 10 * 24 * HOUR, 30 * 24 * HOUR),
  journeyFilter: fc.constantFrom(
    undefined,
    { channels: ['hall'] },
    { services: ['permit'], from: T0 + 10 * 24 * HOUR },
    { locations: ['H2'], variants: [['apply'], ['Take queue ticket', '叫号']] },
  ),
  insights: fc.record({
    timeZone: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York'),
    sampleSize: fc.integer({ min: 0, max: 3 }),
    channelSequenceLimit: fc.integer({ min: 0, max: 3 }),
    deadlines: fc.constantFrom(undefined, {
      limits: [{ service: 'permit', promised: 2, legal: 5, unit: 'workdays' as const }],
      specialActivities: ['review'],
    }),
  }),
});

const logArb = fc.array(eventArb, { minLength: 1, maxLength: 80 }).map((raws) => raws.map(toEvent));

describe('merging insights partials equals mining everything at once', () => {
  it('for any split of the journeys into shards, in any order of the partials', () => {
    fc.assert(
      fc.property(
        logArb,
        optionsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.func(fc.nat()),
        (events, options, shards, assign) => {
          const whole = mine(events, options);
          expect(whole.insights).toBeDefined();
          // The KPI series (measures/kpi-series.ts) is part of what must merge exactly.
          const kept = (whole.insights?.trend.length ?? 0) > 0;
          expect(whole.insights?.kpiSeries?.month.some((l) => l.scope === 'all')).toBe(kept);
          const parts = partialsByJourneyKey(events, options, assign, shards);
          expect(finalize(mergePartials(parts))).toEqual(whole);
          expect(finalize(mergePartials([...parts].reverse()))).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('after a round trip of every partial through JSON, with no NUL in it (jsonb)', () => {
    fc.assert(
      fc.property(logArb, optionsArb, fc.func(fc.nat()), (events, options, assign) => {
        const { texts, parts } = partialsThroughJson(events, options, assign, 3);
        for (const text of texts) expect(text).not.toContain('\\u0000');
        expect(finalize(mergePartials(parts))).toEqual(mine(events, options));
      }),
      { numRuns: 150 },
    );
  });
});
