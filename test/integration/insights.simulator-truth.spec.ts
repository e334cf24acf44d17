/**
 * The insights' trip breakdowns against the simulator's own records: for every month (of the
 * journey's start, Beijing time) and every service, the journeys, trips and at-most-one-trip
 * count that the simulated world lived must come back exactly from mining its events, and the
 * reform must show in the trend. Truth is summed from the simulator's journeys (their `trips`
 * field counts the hall visits the world made), never from mining.
 */
import { mine, type MiningEvent, type TripBreakdownRow } from '@onetrip/mining';
import {
  formatTimestamp,
  resolveOptions,
  simulateJourneys,
  SIMULATOR_MINING_OPTIONS,
} from '@onetrip/simulator';

interface Tally {
  journeys: number;
  trips: number;
  atMostOne: number;
}

function tally(map: Map<string, Tally>, key: string, trips: number): void {
  const t = map.get(key) ?? { journeys: 0, trips: 0, atMostOne: 0 };
  t.journeys += 1;
  t.trips += trips;
  if (trips <= 1) t.atMostOne += 1;
  map.set(key, t);
}

describe('insights agree with the simulated world', () => {
  const options = resolveOptions({ journeys: 3000, seed: 'insights-truth' });
  const byMonth = new Map<string, Tally>();
  const byService = new Map<string, Tally>();
  const events: MiningEvent[] = [];
  for (const j of simulateJourneys(options)) {
    tally(byMonth, formatTimestamp(j.startTimestamp).slice(0, 7), j.trips);
    tally(byService, j.service, j.trips);
    for (const e of j.events) {
      events.push({
        caseId: e.caseId,
        activity: e.activity,
        timestamp: e.timestamp,
        startTimestamp: e.startTimestamp,
        citizen: e.citizenId,
        service: e.service,
        channel: e.channel,
        location: e.location,
        department: e.department,
        resource: e.resource,
        sourceSystem: e.sourceSystem,
      });
    }
  }
  const result = mine(events, {
    ...SIMULATOR_MINING_OPTIONS,
    inPerson: [...SIMULATOR_MINING_OPTIONS.inPerson],
    insights: { timeZone: 'Asia/Shanghai' },
  });
  const insights = result.insights;

  it('per month of journey start', () => {
    const mined = Object.fromEntries(
      (insights?.trend ?? []).map((p) => [
        p.period,
        {
          journeys: p.journeys,
          trips: Math.round((p.tripsPerJourney ?? 0) * p.journeys),
          atMostOne: Math.round((p.atMostOneTripRate ?? 0) * p.journeys),
        },
      ]),
    );
    expect(mined).toEqual(Object.fromEntries(byMonth));
  });

  it('per service', () => {
    const rows = insights?.trips?.byService ?? [];
    const mined = Object.fromEntries(
      rows.map((r: TripBreakdownRow) => [
        r.value ?? '(none)',
        {
          journeys: r.journeys,
          trips: r.trips,
          atMostOne: Math.round(r.atMostOneTripRate * r.journeys),
        },
      ]),
    );
    expect(mined).toEqual(Object.fromEntries(byService));
  });

  it('shows the reform: fewer trips per journey after 2026-01 than before', () => {
    const trend = insights?.trend ?? [];
    const mean = (ps: typeof trend) =>
      ps.reduce((s, p) => s + (p.tripsPerJourney ?? 0) * p.journeys, 0) /
      ps.reduce((s, p) => s + p.journeys, 0);
    const before = mean(trend.filter((p) => p.period < '2026-01'));
    const after = mean(trend.filter((p) => p.period >= '2026-01'));
    expect(after).toBeLessThan(before);
    // and the world's own figures say the same, by the same margin
    const truthMean = (keep: (month: string) => boolean) => {
      let trips = 0;
      let journeys = 0;
      for (const [month, t] of byMonth) {
        if (!keep(month)) continue;
        trips += t.trips;
        journeys += t.journeys;
      }
      return trips / journeys;
    };
    expect(before).toBeCloseTo(
      truthMean((m) => m < '2026-01'),
      12,
    );
    expect(after).toBeCloseTo(
      truthMean((m) => m >= '2026-01'),
      12,
    );
  });
});
