/**
 * Small-count suppression over a hand-built result: in every breakdown kind a cell of 4 journeys
 * (or waits) is hidden at k = 5 and a cell of 5 stays; totals stay; samples go; the input is
 * untouched.
 */
import type { Insights, Kpis, MiningResult, TripBreakdownRow, WaitRow } from './index';
import { suppressSmallCounts } from './index';

const Q = { mean: 10, median: 9, p90: 20 };
const QT = { ...Q, total: 100 };
const H = { edgesSeconds: [0, 1, 1.41], counts: [3, 2] };
const kpis = (journeys: number): Kpis => ({
  journeys,
  tripsPerJourney: 1.5,
  atMostOneTripRate: 0.5,
  zeroTripRate: 0.1,
  leadTimeSeconds: Q,
  queueWaitSeconds: Q,
  reworkRate: 0.25,
});
const tripRow = (value: string, journeys: number): TripBreakdownRow => ({
  value,
  journeys,
  trips: journeys * 2,
  tripsPerJourney: 2,
  atMostOneTripRate: 0.5,
  zeroTripRate: 0,
});
const waitRow = (value: string, count: number): WaitRow => ({ value, count, seconds: QT });
const sample = { key: 'citizen-hash', start: 1 };

function insights(): Insights {
  return {
    timeZone: 'UTC',
    kpis: kpis(9),
    trend: [
      { period: '2024-01', ...kpis(4) },
      { period: '2024-02', ...kpis(5) },
    ],
    trips: {
      byService: [tripRow('passport', 5), tripRow('licence', 4)],
      byDepartment: [{ ...tripRow('tax', 4), tripsCaused: 3, returnTripsCaused: 1 }],
      byHall: [tripRow('hall A', 9)],
    },
    returnReasons: [
      { activity: 'Supplement', journeys: 4, instances: 6 },
      { activity: 'Collect', journeys: 5, instances: 5 },
    ],
    returnCauses: {
      causes: [{ activity: 'Review', department: 'tax', journeys: 4, returns: 4 }],
      purposes: [{ activity: 'Supplement', journeys: 6, returns: 7 }],
    },
    channelSequences: {
      top: [
        { channels: ['online'], journeys: 5 },
        { channels: ['hall', 'online'], journeys: 1 },
      ],
      otherJourneys: 3,
      distinct: 4,
    },
    queueWaits: {
      count: 12,
      seconds: QT,
      byHall: [waitRow('hall A', 8), waitRow('hall B', 4)],
      byHourWeekday: [
        { weekday: 1, hour: 9, count: 2, meanSeconds: 60, medianSeconds: 50 },
        { weekday: 1, hour: 10, count: 10, meanSeconds: 30, medianSeconds: 20 },
      ],
      uncalled: 1,
      tickets: 13,
      abandoned: 1,
      abandonedByEvent: 0,
      abandonedRate: 1 / 13,
      abandonedByHall: [
        { value: 'hall A', tickets: 9, abandoned: 1, rate: 1 / 9 },
        { value: 'hall B', tickets: 4, abandoned: 0, rate: 0 },
      ],
    },
    backOfficeWaits: [{ ...waitRow('tax', 3), workingSeconds: QT }, waitRow('police', 7)],
    waitAttribution: {
      citizenSeconds: 10,
      governmentSeconds: 30,
      citizenShare: 0.25,
      byPeriod: [
        { period: '2024-01', citizenSeconds: 4, governmentSeconds: 6 },
        { period: '2024-02', citizenSeconds: 6, governmentSeconds: 24 },
      ],
    },
    bottlenecks: {
      government: [
        {
          kind: 'edge',
          from: 'a',
          to: 'b',
          totalWaitSeconds: 40,
          share: 0.8,
          meanSeconds: 10,
          p90Seconds: 20,
          count: 4,
          medianSeconds: 9,
        },
      ],
      citizen: [
        {
          kind: 'activity',
          activity: 'b',
          totalWaitSeconds: 10,
          share: 0.2,
          meanSeconds: 2,
          p90Seconds: 3,
          count: 5,
        },
      ],
    },
    edges: [
      {
        from: 'a',
        to: 'b',
        waitHistogram: H,
        durationHistogram: H,
        waitShare: 0.5,
        samples: [sample],
        journeys: 4,
      },
      {
        from: 'b',
        to: 'c',
        waitHistogram: H,
        durationHistogram: H,
        waitShare: 0.5,
        samples: [sample],
        journeys: 5,
      },
    ],
    activities: [
      {
        activity: 'a',
        serviceHistogram: H,
        waitHistogram: H,
        waitShare: 0,
        samples: [sample],
        journeys: 3,
      },
      {
        activity: 'b',
        serviceHistogram: H,
        waitHistogram: H,
        waitShare: 1,
        samples: [sample],
        journeys: 9,
      },
    ],
    variants: [
      { activities: ['a', 'b'], count: 5, leadTimeSeconds: Q },
      { activities: ['a', 'c'], count: 4, leadTimeSeconds: Q },
    ],
  };
}

function result(journeys = 9): MiningResult {
  return {
    summary: { events: 40, cases: 9, journeys, activities: 3 },
    activities: [
      { activity: 'a', count: 9, serviceSeconds: Q },
      { activity: 'c', count: 4, serviceSeconds: Q },
    ],
    startActivities: [{ activity: 'a', count: 9 }],
    endActivities: [{ activity: 'b', count: 5 }],
    dfg: [
      { from: 'a', to: 'b', count: 5, durationSeconds: QT, waitSeconds: QT },
      { from: 'a', to: 'c', count: 4, durationSeconds: QT, waitSeconds: QT },
    ],
    variants: [
      { activities: ['a', 'b'], count: 5 },
      { activities: ['a', 'c'], count: 4 },
    ],
    leadTimeSeconds: Q,
    trips: {
      total: 14,
      perJourneyMean: 14 / 9,
      distribution: { '1': 5, '2': 2, '3': 2 },
      atMostOneRate: 5 / 9,
    },
    bottlenecks: [
      {
        kind: 'edge',
        from: 'a',
        to: 'c',
        totalWaitSeconds: 40,
        share: 1,
        meanSeconds: 10,
        p90Seconds: 20,
        count: 4,
      },
    ],
    rework: {
      journeys: 4,
      rate: 4 / 9,
      activities: [{ activity: 'Supplement', journeys: 4, extraOccurrences: 5 }],
    },
    insights: insights(),
  };
}

describe('suppressSmallCounts (k = 5)', () => {
  const input = result();
  const frozen = JSON.stringify(input);
  const out = suppressSmallCounts(input, 5);
  const ins = out.insights!;

  it('leaves the input unchanged', () => {
    expect(JSON.stringify(input)).toBe(frozen);
  });

  it('hides KPI trend months under k and their wait split, keeps the others', () => {
    expect(ins.kpis).toEqual(kpis(9));
    expect(ins.trend[0]).toEqual({
      period: '2024-01',
      journeys: 0,
      tripsPerJourney: 0,
      atMostOneTripRate: 0,
      zeroTripRate: 0,
      leadTimeSeconds: { mean: 0, median: 0, p90: 0 },
      queueWaitSeconds: { mean: 0, median: 0, p90: 0 },
      reworkRate: 0,
      suppressed: true,
    });
    expect(ins.trend[1]).toEqual({ period: '2024-02', ...kpis(5) });
    expect(ins.waitAttribution.byPeriod).toEqual([
      { period: '2024-01', citizenSeconds: 0, governmentSeconds: 0, suppressed: true },
      { period: '2024-02', citizenSeconds: 6, governmentSeconds: 24 },
    ]);
  });

  it('hides trip breakdown rows by service, department and hall under k', () => {
    expect(ins.trips!.byService[0]).toEqual(tripRow('passport', 5));
    expect(ins.trips!.byService[1]).toEqual({
      value: 'licence',
      journeys: 0,
      trips: 0,
      tripsPerJourney: 0,
      atMostOneTripRate: 0,
      zeroTripRate: 0,
      suppressed: true,
    });
    expect(ins.trips!.byDepartment[0]).toMatchObject({
      value: 'tax',
      journeys: 0,
      tripsCaused: 0,
      returnTripsCaused: 0,
      suppressed: true,
    });
    expect(ins.trips!.byHall[0].suppressed).toBeUndefined();
  });

  it('hides return reasons, causes and purposes, and channel sequences under k', () => {
    expect(ins.returnReasons).toEqual([
      { activity: 'Supplement', journeys: 0, instances: 0, suppressed: true },
      { activity: 'Collect', journeys: 5, instances: 5 },
    ]);
    expect(ins.returnCauses.causes).toEqual([
      { activity: 'Review', department: 'tax', journeys: 0, returns: 0, suppressed: true },
    ]);
    expect(ins.returnCauses.purposes).toEqual([
      { activity: 'Supplement', journeys: 6, returns: 7 },
    ]);
    expect(ins.channelSequences).toEqual({
      top: [
        { channels: ['online'], journeys: 5 },
        { channels: ['hall', 'online'], journeys: 0, suppressed: true },
      ],
      otherJourneys: 3,
      distinct: 4,
    });
  });

  it('hides queue waits by hall, heat-map cells and abandonment rows under k; keeps the totals', () => {
    const q = ins.queueWaits;
    expect(q.count).toBe(12);
    expect(q.tickets).toBe(13);
    expect(q.seconds).toEqual(QT);
    expect(q.byHall[0]).toEqual(waitRow('hall A', 8));
    expect(q.byHall[1]).toEqual({
      value: 'hall B',
      count: 0,
      seconds: { mean: 0, median: 0, p90: 0, total: 0 },
      suppressed: true,
    });
    expect(q.byHourWeekday[0]).toEqual({
      weekday: 1,
      hour: 9,
      count: 0,
      meanSeconds: 0,
      medianSeconds: 0,
      suppressed: true,
    });
    expect(q.byHourWeekday[1].suppressed).toBeUndefined();
    expect(q.abandonedByHall[1]).toEqual({
      value: 'hall B',
      tickets: 0,
      abandoned: 0,
      rate: 0,
      suppressed: true,
    });
  });

  it('hides back-office waits under k, working time included', () => {
    expect(ins.backOfficeWaits[0]).toEqual({
      value: 'tax',
      count: 0,
      seconds: { mean: 0, median: 0, p90: 0, total: 0 },
      workingSeconds: { mean: 0, median: 0, p90: 0, total: 0 },
      suppressed: true,
    });
    expect(ins.backOfficeWaits[1]).toEqual(waitRow('police', 7));
  });

  it('hides bottlenecks of fewer than k waits, on both sides and in the ranking', () => {
    expect(ins.bottlenecks.government[0]).toMatchObject({
      totalWaitSeconds: 0,
      share: 0,
      meanSeconds: 0,
      p90Seconds: 0,
      medianSeconds: 0,
      count: 0,
      suppressed: true,
    });
    expect(ins.bottlenecks.citizen[0].suppressed).toBeUndefined();
    expect(ins.bottlenecks.citizen[0].meanSeconds).toBe(2);
    expect(out.bottlenecks[0]).toMatchObject({ from: 'a', to: 'c', count: 0, suppressed: true });
  });

  it('empties the histograms of edges and activities under k, and every journey sample', () => {
    expect(ins.edges[0]).toEqual({
      from: 'a',
      to: 'b',
      waitHistogram: { edgesSeconds: [], counts: [] },
      durationHistogram: { edgesSeconds: [], counts: [] },
      waitShare: 0,
      samples: [],
      journeys: 0,
      suppressed: true,
    });
    expect(ins.edges[1]).toMatchObject({ journeys: 5, waitHistogram: H, samples: [] });
    expect(ins.activities[0]).toMatchObject({ journeys: 0, serviceHistogram: { counts: [] } });
    expect(ins.activities[1]).toMatchObject({ journeys: 9, serviceHistogram: H, samples: [] });
  });

  it('hides variants and their lead times under k', () => {
    expect(ins.variants[1]).toEqual({
      activities: ['a', 'c'],
      count: 0,
      leadTimeSeconds: { mean: 0, median: 0, p90: 0 },
      suppressed: true,
    });
    expect(out.variants).toEqual([
      { activities: ['a', 'b'], count: 5 },
      { activities: ['a', 'c'], count: 0, suppressed: true },
    ]);
  });

  it('keeps the map structure but hides durations of small transitions and activities', () => {
    expect(out.dfg[0]).toEqual(input.dfg[0]);
    expect(out.dfg[1]).toEqual({
      from: 'a',
      to: 'c',
      count: 4,
      durationSeconds: { mean: 0, median: 0, p90: 0, total: 0 },
      waitSeconds: { mean: 0, median: 0, p90: 0, total: 0 },
      suppressed: true,
    });
    expect(out.activities[1]).toEqual({
      activity: 'c',
      count: 4,
      serviceSeconds: null,
      suppressed: true,
    });
  });

  it('drops trips-per-journey cells under k and rework activities under k', () => {
    expect(out.trips).toEqual({ ...input.trips, distribution: { '1': 5 } });
    expect(out.rework!.activities).toEqual([
      { activity: 'Supplement', journeys: 0, extraOccurrences: 0, suppressed: true },
    ]);
    expect(out.rework!.journeys).toBe(4);
  });

  it('says how many cells it hid, where (hand-counted above)', () => {
    expect(out.suppression).toEqual({
      k: 5,
      hidden: 22,
      samplesRemoved: true,
      byPart: {
        activities: 1,
        dfg: 1,
        variants: 1,
        'trips.distribution': 2,
        bottlenecks: 1,
        'rework.activities': 1,
        'insights.trend': 1,
        'insights.trips.byService': 1,
        'insights.trips.byDepartment': 1,
        'insights.returnReasons': 1,
        'insights.returnCauses.causes': 1,
        'insights.channelSequences.top': 1,
        'insights.queueWaits.byHall': 1,
        'insights.queueWaits.byHourWeekday': 1,
        'insights.queueWaits.abandonedByHall': 1,
        'insights.backOfficeWaits': 1,
        'insights.waitAttribution.byPeriod': 1,
        'insights.bottlenecks.government': 1,
        'insights.edges': 1,
        'insights.activities': 1,
        'insights.variants': 1,
      },
    });
  });
});

describe('suppressSmallCounts of a result with fewer than k journeys in all', () => {
  const out = suppressSmallCounts(result(4), 5);

  it('hides the overall lead time and trip figures and the headline KPIs too', () => {
    expect(out.summary.journeys).toBe(4);
    expect(out.leadTimeSeconds).toEqual({ mean: 0, median: 0, p90: 0 });
    expect(out.trips).toEqual({
      total: 0,
      perJourneyMean: 0,
      distribution: { '1': 5 },
      atMostOneRate: 0,
      suppressed: true,
    });
    expect(out.suppression?.byPart).toMatchObject({ leadTimeSeconds: 1, trips: 1 });
  });

  it('hides the headline KPIs when they describe fewer than k journeys', () => {
    const r = result();
    r.insights!.kpis = kpis(3);
    expect(suppressSmallCounts(r, 5).insights!.kpis).toMatchObject({
      journeys: 0,
      reworkRate: 0,
      suppressed: true,
    });
  });
});

describe('suppressSmallCounts with k = 1 and bad k', () => {
  it('hides no cell at k = 1 (a cell has at least one journey) but still removes samples', () => {
    const out = suppressSmallCounts(result(), 1);
    expect(out.suppression).toMatchObject({ hidden: 0, samplesRemoved: true });
    expect(out.insights!.edges.every((e) => e.samples.length === 0)).toBe(true);
    expect(out.insights!.trips).toEqual(result().insights!.trips);
  });

  it('refuses a k that is not a whole number', () => {
    expect(() => suppressSmallCounts(result(), 2.5)).toThrow(/k must be a whole number/);
  });
});
