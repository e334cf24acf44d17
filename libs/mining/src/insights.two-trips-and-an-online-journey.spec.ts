import { mine, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// Three journeys, hand-measured (T0 is Monday 2024-03-04 00:00 UTC; time zone UTC):
// A (permit, D1): online application 08:00, hall H1 ticket 09:00, called 09:20, pre-review
//   10:00–11:00 in the back office, back on Wednesday: ticket 09:00, called 09:10, collect 09:30.
//   Two trips (the second brings back ticket, call and collect), queue waits 1200 s and 600 s.
// B (licence, D2), in April: online application 10:00, approved 12:00. No trip.
// C (permit, D1): Tuesday ticket 14:00 at H2, called 14:30, counter 14:40. One trip.
const hall = (location: string, extra: Partial<MiningEvent> = {}) => ({
  channel: 'hall',
  location,
  ...extra,
});
const A = { service: 'permit', department: 'D1' };
const B = { service: 'licence', department: 'D2' };
const C = { service: 'permit', department: 'D1' };
const APRIL = T0 + 31 * DAY;
const events: MiningEvent[] = [
  ev('A', 'Submit application online', T0 + 8 * HOUR, { ...A, channel: 'online' }),
  ev('A', 'Take queue ticket', T0 + 9 * HOUR, hall('H1', A)),
  ev('A', 'Called to window', T0 + 9 * HOUR + 20 * MINUTE, hall('H1', A)),
  ev('A', 'Pre-review', T0 + 11 * HOUR, {
    ...A,
    channel: 'back_office',
    startTimestamp: T0 + 10 * HOUR,
  }),
  ev('A', 'Take queue ticket', T0 + 2 * DAY + 9 * HOUR, hall('H1', A)),
  ev('A', 'Called to window', T0 + 2 * DAY + 9 * HOUR + 10 * MINUTE, hall('H1', A)),
  ev('A', 'Collect result', T0 + 2 * DAY + 9 * HOUR + 30 * MINUTE, hall('H1', A)),
  ev('B', 'Submit application online', APRIL + 10 * HOUR, { ...B, channel: 'online' }),
  ev('B', 'Approve', APRIL + 12 * HOUR, { ...B, channel: 'back_office' }),
  ev('C', 'Take queue ticket', T0 + DAY + 14 * HOUR, hall('H2', C)),
  ev('C', 'Called to window', T0 + DAY + 14 * HOUR + 30 * MINUTE, hall('H2', C)),
  ev('C', 'Submit application at counter', T0 + DAY + 14 * HOUR + 40 * MINUTE, hall('H2', C)),
];

function insights() {
  const result = mine(events, { insights: { timeZone: 'UTC' } });
  if (!result.insights) throw new Error('no insights');
  return result.insights;
}

describe('insights of two trips, an online journey and a single visit', () => {
  it('measures the KPIs over all journeys', () => {
    const { kpis } = insights();
    expect(kpis.journeys).toBe(3);
    expect(kpis.tripsPerJourney).toBe(1); // 2 + 0 + 1 trips
    expect(kpis.atMostOneTripRate).toBeCloseTo(2 / 3, 12); // B and C
    expect(kpis.zeroTripRate).toBeCloseTo(1 / 3, 12); // B
    expect(kpis.reworkRate).toBe(0); // A's second ticket and call are a trip, not rework
    // lead times 178200 (A: 2 days 1.5 h), 7200 (B), 2400 (C)
    expect(kpis.leadTimeSeconds.median).toBe(7200);
    expect(kpis.leadTimeSeconds.p90).toBeCloseTo(7200 + (178200 - 7200) * 0.8, 9);
    // queue waits 1200, 600 (A) and 1800 (C)
    expect(kpis.queueWaitSeconds).toEqual({ mean: 1200, median: 1200, p90: 1680 });
  });

  it('trends by month of journey start', () => {
    const trend = insights().trend;
    expect(trend.map((t) => t.period)).toEqual(['2024-03', '2024-04']);
    expect(trend[0]).toMatchObject({
      journeys: 2,
      tripsPerJourney: 1.5,
      atMostOneTripRate: 0.5,
      zeroTripRate: 0,
      reworkRate: 0, // queue steps are not rework
    });
    expect(trend[1]).toMatchObject({
      journeys: 1,
      tripsPerJourney: 0,
      atMostOneTripRate: 1,
      zeroTripRate: 1,
      queueWaitSeconds: null,
    });
  });

  it('breaks trips down by service, department and hall', () => {
    const trips = insights().trips;
    expect(trips?.byService).toEqual([
      {
        value: 'permit',
        journeys: 2,
        trips: 3,
        tripsPerJourney: 1.5,
        atMostOneTripRate: 0.5,
        zeroTripRate: 0,
      },
      {
        value: 'licence',
        journeys: 1,
        trips: 0,
        tripsPerJourney: 0,
        atMostOneTripRate: 1,
        zeroTripRate: 1,
      },
    ]);
    expect(trips?.byDepartment.map((r) => [r.value, r.journeys])).toEqual([
      ['D1', 2],
      ['D2', 1],
    ]);
    expect(trips?.byHall.map((r) => [r.value, r.journeys, r.trips, r.atMostOneTripRate])).toEqual([
      ['H1', 1, 2, 0],
      ['H2', 1, 1, 1],
    ]);
  });

  it('ranks what brings citizens back: the activities of the second trip', () => {
    expect(insights().returnReasons).toEqual([
      { activity: 'Called to window', journeys: 1, instances: 1 },
      { activity: 'Collect result', journeys: 1, instances: 1 },
      { activity: 'Take queue ticket', journeys: 1, instances: 1 },
    ]);
  });

  it('collapses channel sequences', () => {
    expect(insights().channelSequences).toEqual({
      top: [
        { channels: ['hall'], journeys: 1 },
        { channels: ['online', 'back_office'], journeys: 1 },
        { channels: ['online', 'hall', 'back_office', 'hall'], journeys: 1 },
      ],
      otherJourneys: 0,
      distinct: 3,
    });
  });

  it('pairs queue tickets with calls, by hall and by weekday × hour of the ticket', () => {
    const q = insights().queueWaits;
    expect(q.count).toBe(3);
    expect(q.uncalled).toBe(0);
    expect(q.byHall.map((r) => [r.value, r.count, r.seconds.total])).toEqual([
      ['H1', 2, 1800],
      ['H2', 1, 1800],
    ]);
    expect(q.byHourWeekday.map((c) => [c.weekday, c.hour, c.count, c.medianSeconds])).toEqual([
      [1, 9, 1, 1200],
      [2, 14, 1, 1800],
      [3, 9, 1, 600],
    ]);
  });

  it('splits waiting between citizen and government, and back-office waits by department', () => {
    const ins = insights();
    // citizen: 3600 before A's first ticket + 165600 before A's second ticket
    // government: A 1200 + 2400 + 600 + 1200, B 7200, C 1800 + 600
    expect(ins.waitAttribution.citizenSeconds).toBe(169200);
    expect(ins.waitAttribution.governmentSeconds).toBe(15000);
    expect(ins.waitAttribution.citizenShare).toBeCloseTo(169200 / 184200, 12);
    expect(ins.backOfficeWaits.map((r) => [r.value, r.count, r.seconds.total])).toEqual([
      ['D2', 1, 7200],
      ['D1', 1, 2400],
    ]);
  });

  it('gives each edge a log-binned wait histogram, its share of waiting and sample journeys', () => {
    const edge = insights().edges.find(
      (e) => e.from === 'Take queue ticket' && e.to === 'Called to window',
    );
    // 600 s in [2^9, 2^9.5), 1200 s in [2^10, 2^10.5), 1800 s in [2^10.5, 2^11)
    expect(edge?.waitHistogram).toEqual({
      edgesSeconds: [512, 724.077, 1024, 1448.155, 2048],
      counts: [1, 0, 1, 1],
    });
    expect(edge?.waitShare).toBeCloseTo(3600 / 184200, 12);
    expect(edge?.samples.map((s) => s.key).sort()).toEqual(['A', 'C']);
    expect(edge?.samples.find((s) => s.key === 'C')?.start).toBe(T0 + DAY + 14 * HOUR);
  });

  it('gives each variant its median lead time', () => {
    const online = insights().variants.find(
      (v) =>
        v.activities[0] === 'Submit application online' &&
        v.count === 1 &&
        v.activities.length === 2,
    );
    expect(online?.leadTimeSeconds.median).toBe(7200);
  });
});

describe('insights options', () => {
  it('are off unless asked for', () => {
    expect(mine(events).insights).toBeUndefined();
  });

  it('refuse an unknown time zone and a negative sample size', () => {
    expect(() => mine(events, { insights: { timeZone: 'Mars/Olympus' } })).toThrow(
      /IANA time zone/,
    );
    expect(() => mine(events, { insights: { sampleSize: -1 } })).toThrow(/sampleSize/);
  });

  it('read months in the given zone: 23:30 UTC on 31 March is April in Shanghai', () => {
    const late = [ev('X', 'apply', Date.UTC(2024, 2, 31, 23, 30), { channel: 'online' })];
    expect(mine(late, { insights: true }).insights?.trend[0].period).toBe('2024-03');
    expect(mine(late, { insights: { timeZone: 'Asia/Shanghai' } }).insights?.trend[0].period).toBe(
      '2024-04',
    );
  });
});
