import type { KpiSeriesLine, KpiSeriesPoint } from './index';
import { mine, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// Three journeys, counted by hand (UTC; T0 = Monday 2024-03-04, ISO week 10):
// A (permit): hall H1 ticket 09:00 → called 09:30 (queue 30 min); back-office review (D1) on
//   day 2 00:00; hall H1 ticket day 3 09:00 → called 10:00 (queue 60 min). 2 trips; lead time
//   73 h = 262,800 s. Waits: 1,800 s (gov) + 138,600 s (gov: back office) + 118,800 s (citizen:
//   ticket is the citizen's move) + 3,600 s (gov). Gov 144,000 s, citizen 118,800 s.
// B (permit): online apply 2024-03-11 10:00 (week 11) → back-office approve (D2) 24 h later.
//   0 trips; lead time 86,400 s; gov wait 86,400 s.
// C (license): hall H2 ticket Sunday 2024-03-31 23:00 (week 13) → 'Not called before closing'
//   (D1) Monday 2024-04-01 00:30 (week 14): 1 trip, 1 abandoned ticket, lead time 5,400 s,
//   gov wait 5,400 s. Starts in March, finishes in April.
const hall = (location: string) => ({ channel: 'hall', location });
const events: MiningEvent[] = [
  ev('a', 'Take queue ticket', T0 + 9 * HOUR, { service: 'permit', ...hall('H1') }),
  ev('a', 'Called to window', T0 + 9 * HOUR + 30 * MINUTE, { service: 'permit', ...hall('H1') }),
  ev('a', 'review', T0 + 2 * DAY, { service: 'permit', department: 'D1', channel: 'back_office' }),
  ev('a', 'Take queue ticket', T0 + 3 * DAY + 9 * HOUR, { service: 'permit', ...hall('H1') }),
  ev('a', 'Called to window', T0 + 3 * DAY + 10 * HOUR, { service: 'permit', ...hall('H1') }),
  ev('b', 'apply', T0 + 7 * DAY + 10 * HOUR, { service: 'permit', channel: 'online' }),
  ev('b', 'approve', T0 + 8 * DAY + 10 * HOUR, {
    service: 'permit',
    department: 'D2',
    channel: 'back_office',
  }),
  ev('c', 'Take queue ticket', T0 + 27 * DAY + 23 * HOUR, { service: 'license', ...hall('H2') }),
  ev('c', 'Not called before closing', T0 + 28 * DAY + 30 * MINUTE, {
    service: 'license',
    department: 'D1',
    ...hall('H2'),
  }),
];

const NOTHING_STARTED = {
  journeysStarted: 0,
  tripsPerJourney: null,
  atMostOneTripRate: null,
  zeroTripRate: null,
  leadTimeMedianSeconds: null,
  leadTimeP90Seconds: null,
  queueWaitMedianSeconds: null,
  abandonedTickets: 0,
  governmentWaitSeconds: null,
  citizenWaitSeconds: null,
  governmentWaitShare: null,
};

function series() {
  const s = mine(events, { insights: { timeZone: 'UTC' } }).insights?.kpiSeries;
  if (!s) throw new Error('no KPI series');
  return s;
}

function line(lines: KpiSeriesLine[], scope: string, value: string | null): KpiSeriesLine {
  const found = lines.find((l) => l.scope === scope && l.value === value);
  if (!found) throw new Error(`no line ${scope} ${String(value)}`);
  return found;
}

const pick = (p: KpiSeriesPoint, ...keys: (keyof KpiSeriesPoint)[]) =>
  Object.fromEntries(keys.map((k) => [k, p[k]]));

describe('KPI series per period and scope, on three hand-counted journeys', () => {
  it('counts every KPI of March for all journeys, and April only for the one finished there', () => {
    const all = line(series().month, 'all', null);
    expect(all.journeys).toBe(3);
    expect(all.points).toEqual([
      {
        period: '2024-03',
        journeysStarted: 3,
        journeysFinished: 2,
        tripsPerJourney: 1, // (2 + 0 + 1) / 3
        atMostOneTripRate: 2 / 3,
        zeroTripRate: 1 / 3,
        leadTimeMedianSeconds: 86_400,
        // sorted 5,400 / 86,400 / 262,800; position 0.9 × 2 = 1.8
        leadTimeP90Seconds: 86_400 + 0.8 * (262_800 - 86_400),
        queueWaitMedianSeconds: 2_700, // 1,800 and 3,600
        abandonedTickets: 1,
        governmentWaitSeconds: (144_000 + 86_400 + 5_400) / 3,
        citizenWaitSeconds: 118_800 / 3,
        governmentWaitShare: 235_800 / (235_800 + 118_800),
      },
      { period: '2024-04', journeysFinished: 1, ...NOTHING_STARTED },
    ]);
  });

  it('puts journeys in their ISO week of start and of finish', () => {
    const weeks = line(series().week, 'all', null).points.map((p) =>
      pick(p, 'period', 'journeysStarted', 'journeysFinished'),
    );
    expect(weeks).toEqual([
      { period: '2024-W10', journeysStarted: 1, journeysFinished: 1 },
      { period: '2024-W11', journeysStarted: 1, journeysFinished: 1 },
      { period: '2024-W13', journeysStarted: 1, journeysFinished: 0 },
      { period: '2024-W14', journeysStarted: 0, journeysFinished: 1 },
    ]);
  });

  it('keeps days for all journeys only', () => {
    const s = series();
    expect(s.day.map((l) => l.scope)).toEqual(['all']);
    expect(s.day[0].points.map((p) => [p.period, p.journeysStarted, p.journeysFinished])).toEqual([
      ['2024-03-04', 1, 0],
      ['2024-03-07', 0, 1],
      ['2024-03-11', 1, 0],
      ['2024-03-12', 0, 1],
      ['2024-03-31', 1, 0],
      ['2024-04-01', 0, 1],
    ]);
  });

  it('counts a journey under its service, every department, hall and channel it touched', () => {
    const month = series().month;
    const journeys = (scope: string) =>
      month.filter((l) => l.scope === scope).map((l) => [l.value, l.journeys]);
    expect(journeys('service')).toEqual([
      ['permit', 2],
      ['license', 1],
    ]);
    expect(journeys('department')).toEqual([
      ['D1', 2],
      ['D2', 1],
    ]);
    // B made no trip: it is under no hall.
    expect(journeys('hall')).toEqual([
      ['H1', 1],
      ['H2', 1],
    ]);
    expect(journeys('channel')).toEqual([
      ['back_office', 2],
      ['hall', 2],
      ['online', 1],
    ]);
    const permit = line(month, 'service', 'permit').points[0];
    expect(
      pick(
        permit,
        'tripsPerJourney',
        'atMostOneTripRate',
        'zeroTripRate',
        'queueWaitMedianSeconds',
      ),
    ).toEqual({
      tripsPerJourney: 1,
      atMostOneTripRate: 0.5,
      zeroTripRate: 0.5,
      queueWaitMedianSeconds: 2_700,
    });
    const h2 = line(month, 'hall', 'H2').points[0];
    expect(pick(h2, 'abandonedTickets', 'queueWaitMedianSeconds', 'leadTimeMedianSeconds')).toEqual(
      { abandonedTickets: 1, queueWaitMedianSeconds: null, leadTimeMedianSeconds: 5_400 },
    );
  });

  it('keeps the 20 values with the most journeys per scope kind, ties by name', () => {
    // 25 services; s00 … s04 have two journeys each, the rest one.
    const many: MiningEvent[] = [];
    for (let s = 0; s < 25; s += 1) {
      const service = `s${String(s).padStart(2, '0')}`;
      for (let j = 0; j < (s < 5 ? 2 : 1); j += 1) {
        many.push(ev(`${service}-${j}`, 'apply', T0 + s * HOUR, { service, channel: 'online' }));
      }
    }
    const s = mine(many, { insights: { timeZone: 'UTC' } }).insights?.kpiSeries;
    const services = s?.month.filter((l) => l.scope === 'service').map((l) => l.value);
    expect(s?.valueLimit).toBe(20);
    expect(services).toEqual(
      Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`),
    );
    expect(s && line(s.month, 'all', null).journeys).toBe(30);
  });
});
