/**
 * The KPI series (Insights.kpiSeries) against the simulator's own records, with its known reform
 * on 1 January 2026: per month and per ISO week of journey start (Beijing time), for all journeys
 * and per service, the journeys, trips, at-most-one and zero-trip counts the simulated world lived
 * must come back exactly, journeys finished must fall in the month of their last event, and the
 * reform must show as the drop in trips per journey it was built with. Truth is summed from the
 * simulator's journeys (their `trips` field, start and end), never from mining; ISO weeks are
 * worked out below with their own arithmetic.
 */
import { mine, type KpiSeriesLine, type MiningEvent } from '@onetrip/mining';
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
  zeroTrip: number;
}

function tally(map: Map<string, Tally>, key: string, trips: number): void {
  const t = map.get(key) ?? { journeys: 0, trips: 0, atMostOne: 0, zeroTrip: 0 };
  t.journeys += 1;
  t.trips += trips;
  if (trips <= 1) t.atMostOne += 1;
  if (trips === 0) t.zeroTrip += 1;
  map.set(key, t);
}

/** ISO week of a 'YYYY-MM-DD' date: the week of its Thursday, numbered from that year's 4 January. */
function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const mondayBased = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - mondayBased) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  const week =
    Math.round((thursday.getTime() - 3 * 86_400_000 - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('KPI series agree with the simulated world (reform on 2026-01-01)', () => {
  const options = resolveOptions({ journeys: 3000, seed: 'kpi-series-truth' });
  const byMonth = new Map<string, Tally>();
  const byWeek = new Map<string, Tally>();
  const byServiceMonth = new Map<string, Tally>();
  const finishedByMonth = new Map<string, number>();
  const events: MiningEvent[] = [];
  for (const j of simulateJourneys(options)) {
    const start = formatTimestamp(j.startTimestamp); // Beijing time
    tally(byMonth, start.slice(0, 7), j.trips);
    tally(byWeek, isoWeekOf(start.slice(0, 10)), j.trips);
    tally(byServiceMonth, `${j.service}|${start.slice(0, 7)}`, j.trips);
    const end = formatTimestamp(j.endTimestamp).slice(0, 7);
    finishedByMonth.set(end, (finishedByMonth.get(end) ?? 0) + 1);
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
  const series = mine(events, {
    ...SIMULATOR_MINING_OPTIONS,
    inPerson: [...SIMULATOR_MINING_OPTIONS.inPerson],
    insights: { timeZone: 'Asia/Shanghai' },
  }).insights?.kpiSeries;

  const counts = (line: KpiSeriesLine | undefined, key: (period: string) => string) =>
    Object.fromEntries(
      (line?.points ?? [])
        .filter((p) => p.journeysStarted > 0)
        .map((p) => [
          key(p.period),
          {
            journeys: p.journeysStarted,
            trips: Math.round((p.tripsPerJourney ?? 0) * p.journeysStarted),
            atMostOne: Math.round((p.atMostOneTripRate ?? 0) * p.journeysStarted),
            zeroTrip: Math.round((p.zeroTripRate ?? 0) * p.journeysStarted),
          },
        ]),
    );
  const all = (lines: KpiSeriesLine[] | undefined) => lines?.find((l) => l.scope === 'all');

  it('per month and per ISO week, for all journeys', () => {
    expect(counts(all(series?.month), (p) => p)).toEqual(Object.fromEntries(byMonth));
    expect(counts(all(series?.week), (p) => p)).toEqual(Object.fromEntries(byWeek));
  });

  it('per service and month', () => {
    const mined: Record<string, Tally> = {};
    for (const line of series?.month.filter((l) => l.scope === 'service') ?? []) {
      Object.assign(
        mined,
        counts(line, (p) => `${line.value}|${p}`),
      );
    }
    expect(mined).toEqual(Object.fromEntries(byServiceMonth));
  });

  it('counts journeys finished in the month of their last event', () => {
    const mined = Object.fromEntries(
      (all(series?.month)?.points ?? [])
        .filter((p) => p.journeysFinished > 0)
        .map((p) => [p.period, p.journeysFinished]),
    );
    expect(mined).toEqual(Object.fromEntries(finishedByMonth));
  });

  it('shows the reform: trips per journey in December 2025 above those of June 2026', () => {
    const month = (period: string) => all(series?.month)?.points.find((p) => p.period === period);
    const truth = (period: string) => {
      const t = byMonth.get(period);
      return t ? t.trips / t.journeys : NaN;
    };
    expect(month('2025-12')?.tripsPerJourney).toBeCloseTo(truth('2025-12'), 12);
    expect(month('2026-06')?.tripsPerJourney).toBeCloseTo(truth('2026-06'), 12);
    expect(truth('2026-06')).toBeLessThan(truth('2025-12'));
  });
});
