/** Insights.queueWaits: hall queue waits, ticket taken → called to a window. */
import { Distribution, type DistributionJson } from '../../distribution';
import { NONE } from '../../event-store';
import { compareStrings } from '../../compare';
import { durationStats, ratio, seconds } from '../../figures';
import type { AbandonRow, QueueHeatCell } from '../../insights-types';
import type { InstanceBuffer } from '../../instances';
import type { JourneyFacts } from '../../journey-facts';
import { getOrAdd } from '../../maps';
import {
  distributionsFromJson,
  distributionsToJson,
  insightMeasure,
  mergeDistributions,
  QUEUE_ABANDON,
  QUEUE_END,
  QUEUE_START,
} from '../measure';
import { waitRows } from '../wait-rows';

export interface QueueWaitsPartial {
  queueByHall: Map<string, Distribution>;
  /** (weekday − 1) × 24 + hour of the ticket → waits. */
  queueHeat: Map<number, Distribution>;
  /** Abandoned tickets (not called in their visit). */
  queueUncalled: number;
  /** Per hall ('' for none): [tickets, abandoned tickets]. */
  queueTickets: Map<string, [number, number]>;
  /** Abandoned tickets closed by an abandonment event (the rest were left when the visit ended). */
  queueClosedByEvent: number;
}

export interface QueueWaitsJson {
  queueByHall: [string, DistributionJson][];
  queueHeat: [number, DistributionJson][];
  queueUncalled: number;
  /** Absent in partials stored before abandonment was counted. */
  queueTickets?: [string, number, number][];
  queueClosedByEvent?: number;
}

/** One journey's queue: reused from journey to journey (do not keep it past addJourney). */
export class QueuePairing {
  /** [ticket, call] instance pairs (indexes into facts.buf), in call order. */
  readonly pairs: [number, number][] = [];
  /** Tickets not called in their visit (instance indexes). */
  readonly abandoned: number[] = [];
  /** How many of `abandoned` an abandonment event closed. */
  closedByEvent = 0;
  /** Waiting tickets, as positions k in buf.sorted. */
  private readonly waiting: number[] = [];

  /**
   * Pairs the journey's tickets: walking in order, a call (or an abandonment event) takes a
   * waiting ticket of the same visit — the same trip when both are in person, else the same hall
   * and at most tripGapMs after the ticket — preferring one with the call's ticket number (the
   * events' ticket when both carry one, else their case id), else the oldest. Tickets left
   * waiting when the journey ends are abandoned too.
   */
  read(
    facts: JourneyFacts,
    activityFlags: Uint8Array,
    numbers: { caseOf: Int32Array; ticketOf: Int32Array | null },
    tripGapMs: number,
  ): void {
    const { caseOf, ticketOf } = numbers;
    const { buf, lo, hi, tripOf } = facts;
    const { pairs, abandoned, waiting } = this;
    pairs.length = 0;
    abandoned.length = 0;
    waiting.length = 0;
    this.closedByEvent = 0;
    let latestTrip = 0;
    for (let k = lo; k < hi; k += 1) {
      const i = buf.sorted[k];
      const trip = tripOf[k - lo];
      if (trip > latestTrip) latestTrip = trip;
      const flags = activityFlags[buf.activity[i]];
      if (flags & QUEUE_START) {
        waiting.push(k);
        continue;
      }
      if ((flags & (QUEUE_END | QUEUE_ABANDON)) === 0) continue;
      let oldest = -1;
      let sameNumber = -1;
      let kept = 0;
      for (let w = 0; w < waiting.length; w += 1) {
        const kt = waiting[w];
        const t = buf.sorted[kt];
        const ticketTrip = tripOf[kt - lo];
        const gap = buf.startAt[i] - buf.completeAt[t];
        // No later instance can share its visit (starts only grow, trips only advance): done.
        if (gap > tripGapMs && (ticketTrip === 0 || latestTrip > ticketTrip)) {
          abandoned.push(t);
          continue;
        }
        waiting[kept] = kt;
        kept += 1;
        if (sameNumber >= 0 || buf.location[t] !== buf.location[i]) continue;
        const sameVisit = ticketTrip > 0 && trip > 0 ? ticketTrip === trip : gap <= tripGapMs;
        if (!sameVisit) continue;
        if (oldest < 0) oldest = kept - 1;
        const et = buf.order[t];
        const ei = buf.order[i];
        const withTickets = ticketOf !== null && ticketOf[et] !== NONE && ticketOf[ei] !== NONE;
        if (withTickets ? ticketOf[et] === ticketOf[ei] : caseOf[et] === caseOf[ei]) {
          sameNumber = kept - 1;
        }
      }
      waiting.length = kept;
      const at = sameNumber >= 0 ? sameNumber : oldest;
      if (at < 0) continue;
      const ticket = buf.sorted[waiting[at]];
      waiting.splice(at, 1);
      if (flags & QUEUE_END) pairs.push([ticket, i]);
      else {
        abandoned.push(ticket);
        this.closedByEvent += 1;
      }
    }
    for (const kt of waiting) abandoned.push(buf.sorted[kt]);
  }
}

/** The wait of a [ticket, call] pair (ms). */
export function queueWait(buf: InstanceBuffer, ticket: number, call: number): number {
  return Math.max(0, buf.startAt[call] - buf.completeAt[ticket]);
}

export const queueWaits = insightMeasure<QueueWaitsPartial, QueueWaitsJson>({
  empty: () => ({
    queueByHall: new Map(),
    queueHeat: new Map(),
    queueUncalled: 0,
    queueTickets: new Map(),
    queueClosedByEvent: 0,
  }),
  tally: (target, { store, calendar }) => {
    const hallName = (hall: number) => (hall === NONE ? '' : store.locations.decode(hall));
    const tickets = (hall: number) => getOrAdd(target.queueTickets, hallName(hall), () => [0, 0]);
    return {
      addJourney: ({ facts: { buf }, queue }) => {
        for (const [ticket, call] of queue.pairs) {
          const wait = queueWait(buf, ticket, call);
          const hall = buf.location[ticket];
          getOrAdd(target.queueByHall, hallName(hall), () => new Distribution()).add(wait);
          tickets(hall)[0] += 1;
          const { weekday, hour } = calendar.fields(buf.completeAt[ticket]);
          getOrAdd(target.queueHeat, (weekday - 1) * 24 + hour, () => new Distribution()).add(wait);
        }
        for (const ticket of queue.abandoned) {
          const row = tickets(buf.location[ticket]);
          row[0] += 1;
          row[1] += 1;
        }
        target.queueUncalled += queue.abandoned.length;
        target.queueClosedByEvent += queue.closedByEvent;
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    mergeDistributions(target.queueByHall, source.queueByHall);
    mergeDistributions(target.queueHeat, source.queueHeat);
    target.queueUncalled += source.queueUncalled;
    for (const [hall, [n, abandoned]] of source.queueTickets) {
      const row = getOrAdd(target.queueTickets, hall, () => [0, 0]);
      row[0] += n;
      row[1] += abandoned;
    }
    target.queueClosedByEvent += source.queueClosedByEvent;
  },
  toJson: (p) => ({
    queueByHall: distributionsToJson(p.queueByHall),
    queueHeat: distributionsToJson(p.queueHeat),
    queueUncalled: p.queueUncalled,
    queueTickets: [...p.queueTickets].map(([hall, [n, abandoned]]) => [hall, n, abandoned]),
    queueClosedByEvent: p.queueClosedByEvent,
  }),
  fromJson: (json) => ({
    queueByHall: distributionsFromJson(json.queueByHall),
    queueHeat: distributionsFromJson(json.queueHeat),
    queueUncalled: json.queueUncalled,
    // Stored before abandonment was counted: the tickets were not counted per hall either.
    queueTickets: new Map(
      (json.queueTickets ?? []).map(([hall, n, abandoned]) => [hall, [n, abandoned]]),
    ),
    queueClosedByEvent: json.queueClosedByEvent ?? 0,
  }),
  finalize: (p) => {
    const all = new Distribution();
    for (const d of p.queueByHall.values()) all.merge(d);
    let tickets = 0;
    for (const [n] of p.queueTickets.values()) tickets += n;
    return {
      queueWaits: {
        count: all.count,
        seconds: all.count > 0 ? durationStats(all) : null,
        byHall: waitRows(p.queueByHall),
        byHourWeekday: [...p.queueHeat]
          .sort((a, b) => a[0] - b[0])
          .map(([cell, d]): QueueHeatCell => ({
            weekday: Math.floor(cell / 24) + 1,
            hour: cell % 24,
            count: d.count,
            meanSeconds: seconds(d.mean),
            medianSeconds: seconds(d.quantile(0.5)),
          })),
        uncalled: p.queueUncalled,
        tickets,
        abandoned: p.queueUncalled,
        abandonedByEvent: p.queueClosedByEvent,
        abandonedRate: tickets > 0 ? ratio(p.queueUncalled, tickets) : null,
        abandonedByHall: abandonRows(p.queueTickets),
      },
    };
  },
});

/** Tickets and abandoned tickets per hall: most abandoned first, then most tickets, then name. */
function abandonRows(map: Map<string, [number, number]>): AbandonRow[] {
  return [...map]
    .map(([hall, [tickets, abandoned]]) => ({
      value: hall === '' ? null : hall,
      tickets,
      abandoned,
      rate: ratio(abandoned, tickets),
    }))
    .sort(
      (a, b) =>
        b.abandoned - a.abandoned ||
        b.tickets - a.tickets ||
        compareStrings(a.value ?? '', b.value ?? ''),
    );
}
