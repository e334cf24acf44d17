/**
 * Ground truth: what the world really was, accumulated from the simulation's own records (the
 * hall visits it made, the order in which it lived the steps), never by mining the log. Memory
 * is counts in maps (activities, edges, variants), not events.
 */
import { formatTimestamp } from './calendar';
import type { SimulatedJourney } from './journey';
import type { SimulationOptions } from './options';

export interface TripTruth {
  total: number;
  perJourneyMean: number;
  distribution: Record<string, number>;
  atMostOneRate: number;
}

export interface PeriodTruth {
  journeys: number;
  trips: TripTruth;
  meanLeadTimeDays: number;
  onlineSubmissionRate: number;
  gaveUpRate: number;
  meanSupplementRounds: number;
}

export interface EdgeTruth {
  from: string;
  to: string;
  count: number;
  /** Σ complete(to) − complete(from), seconds. */
  durationSecondsTotal: number;
  /** Σ max(0, start(to) − complete(from)), seconds. */
  waitSecondsTotal: number;
}

export interface ActivityCountTruth {
  activity: string;
  count: number;
}

export interface GroundTruth {
  options: SimulationOptions;
  journeys: number;
  events: number;
  cases: number;
  activities: number;
  trips: TripTruth;
  leadTimeSeconds: { mean: number; total: number };
  activityCounts: ActivityCountTruth[];
  startActivities: ActivityCountTruth[];
  endActivities: ActivityCountTruth[];
  dfg: EdgeTruth[];
  variants: { distinct: number; top: { activities: string[]; count: number }[] };
  periods: { beforeReform: PeriodTruth; afterReform: PeriodTruth };
  byService: Record<string, PeriodTruth>;
}

/** One line of the per-journey truth (JSON Lines). */
export interface JourneyTruth {
  journeyId: string;
  citizenId: string;
  service: string;
  serviceCode: string;
  trips: number;
  leadTimeSeconds: number;
  events: number;
  firstTimestamp: string;
  lastTimestamp: string;
  beforeReform: boolean;
  uptake: number;
  ageGroup: string;
  behaviour: string;
  submittedOnline: boolean;
  supplementRounds: number;
  gaveUp: boolean;
}

export function journeyTruth(j: SimulatedJourney): JourneyTruth {
  return {
    journeyId: j.id,
    citizenId: j.citizenId,
    service: j.service,
    serviceCode: j.serviceCode,
    trips: j.trips,
    leadTimeSeconds: (j.endTimestamp - j.startTimestamp) / 1000,
    events: j.events.length,
    firstTimestamp: formatTimestamp(j.startTimestamp),
    lastTimestamp: formatTimestamp(j.endTimestamp),
    beforeReform: j.beforeReform,
    uptake: Math.round(j.uptake * 1000) / 1000,
    ageGroup: j.ageGroup,
    behaviour: j.behaviour,
    submittedOnline: j.submittedOnline,
    supplementRounds: j.supplementRounds,
    gaveUp: j.gaveUp,
  };
}

class Period {
  journeys = 0;
  trips = 0;
  distribution = new Map<number, number>();
  leadMs = 0;
  online = 0;
  gaveUp = 0;
  supplements = 0;

  add(j: SimulatedJourney): void {
    this.journeys++;
    this.trips += j.trips;
    this.distribution.set(j.trips, (this.distribution.get(j.trips) ?? 0) + 1);
    this.leadMs += j.endTimestamp - j.startTimestamp;
    if (j.submittedOnline) this.online++;
    if (j.gaveUp) this.gaveUp++;
    this.supplements += j.supplementRounds;
  }

  tripTruth(): TripTruth {
    const distribution: Record<string, number> = {};
    const keys = [...this.distribution.keys()].sort((a, b) => a - b);
    let atMostOne = 0;
    for (const k of keys) {
      const n = this.distribution.get(k) ?? 0;
      distribution[String(k)] = n;
      if (k <= 1) atMostOne += n;
    }
    return {
      total: this.trips,
      perJourneyMean: this.journeys ? this.trips / this.journeys : 0,
      distribution,
      atMostOneRate: this.journeys ? atMostOne / this.journeys : 0,
    };
  }

  result(): PeriodTruth {
    const n = this.journeys || 1;
    return {
      journeys: this.journeys,
      trips: this.tripTruth(),
      meanLeadTimeDays: this.leadMs / 86400000 / n,
      onlineSubmissionRate: this.online / n,
      gaveUpRate: this.gaveUp / n,
      meanSupplementRounds: this.supplements / n,
    };
  }
}

const bump = (m: Map<string, number>, k: string, by = 1): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

const counts = (m: Map<string, number>): ActivityCountTruth[] =>
  [...m]
    .map(([activity, count]) => ({ activity, count }))
    .sort((a, b) => b.count - a.count || (a.activity < b.activity ? -1 : 1));

/** Accumulates the truth journey by journey; `result()` may be called at any time. */
export class TruthAccumulator {
  private readonly all = new Period();
  private readonly before = new Period();
  private readonly after = new Period();
  private readonly services = new Map<string, Period>();
  private events = 0;
  private cases = 0;
  private readonly activityCounts = new Map<string, number>();
  private readonly starts = new Map<string, number>();
  private readonly ends = new Map<string, number>();
  private readonly edges = new Map<string, { count: number; duration: number; wait: number }>();
  private readonly variants = new Map<string, number>();

  constructor(private readonly options: SimulationOptions) {}

  add(j: SimulatedJourney): void {
    this.all.add(j);
    (j.beforeReform ? this.before : this.after).add(j);
    let p = this.services.get(j.serviceCode);
    if (!p) this.services.set(j.serviceCode, (p = new Period()));
    p.add(j);

    const events = j.events;
    this.events += events.length;
    const caseIds = new Set<string>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      caseIds.add(e.caseId);
      bump(this.activityCounts, e.activity);
      if (i > 0) {
        const a = events[i - 1];
        const key = `${a.activity}\u0000${e.activity}`;
        let edge = this.edges.get(key);
        if (!edge) this.edges.set(key, (edge = { count: 0, duration: 0, wait: 0 }));
        edge.count++;
        edge.duration += (e.timestamp - a.timestamp) / 1000;
        edge.wait += Math.max(0, e.startTimestamp - a.timestamp) / 1000;
      }
    }
    this.cases += caseIds.size;
    if (events.length > 0) {
      bump(this.starts, events[0].activity);
      bump(this.ends, events[events.length - 1].activity);
    }
    bump(this.variants, events.map((e) => e.activity).join('\u0001'));
  }

  result(): GroundTruth {
    const all = this.all.result();
    const byService: Record<string, PeriodTruth> = {};
    for (const [code, p] of [...this.services].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      byService[code] = p.result();
    }
    const dfg: EdgeTruth[] = [...this.edges]
      .map(([key, e]) => {
        const [from, to] = key.split('\u0000');
        return {
          from,
          to,
          count: e.count,
          durationSecondsTotal: e.duration,
          waitSecondsTotal: e.wait,
        };
      })
      .sort((a, b) => b.count - a.count || (a.from + a.to < b.from + b.to ? -1 : 1));
    const top = [...this.variants]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([key, count]) => ({ activities: key.split('\u0001'), count }));
    return {
      options: this.options,
      journeys: this.all.journeys,
      events: this.events,
      cases: this.cases,
      activities: this.activityCounts.size,
      trips: all.trips,
      leadTimeSeconds: {
        mean: this.all.journeys ? this.all.leadMs / 1000 / this.all.journeys : 0,
        total: this.all.leadMs / 1000,
      },
      activityCounts: counts(this.activityCounts),
      startActivities: counts(this.starts),
      endActivities: counts(this.ends),
      dfg,
      variants: { distinct: this.variants.size, top },
      periods: { beforeReform: this.before.result(), afterReform: this.after.result() },
      byService,
    };
  }
}

export function createTruth(options: SimulationOptions): TruthAccumulator {
  return new TruthAccumulator(options);
}
