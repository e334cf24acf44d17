import type { StringDictionary } from './dictionary';
import type { InstanceBuffer } from './instances';
import type { JourneyFacts } from './journey-facts';
import {
  edgeKey,
  emptyActivity,
  emptyEdge,
  emptyPartial,
  type ActivityPartial,
  type EdgePartial,
  type EnginePartial,
} from './partial';

/** Up to 1,024 activities, edges live in a dense array indexed by from × activities + to. */
const DENSE_EDGE_LIMIT = 1024 * 1024;

interface CodeEdge {
  from: number;
  to: number;
  edge: EdgePartial;
  /** Every wait so far equalled its duration, and edge.wait has not been filled. */
  waitIsDuration: boolean;
}

/**
 * Measures journeys one at a time while activities are still dictionary codes (arrays indexed by
 * code, edges keyed by a number), then converts to the name-keyed PartialResult once.
 */
export class JourneyAccumulator {
  private readonly partial = emptyPartial();
  private readonly byCode: ActivityPartial[];
  /** Edges by from × activities + to: a dense array while that fits in DENSE_EDGE_LIMIT. */
  private readonly edges: Map<number, CodeEdge> | (CodeEdge | undefined)[];
  private readonly variants = new Map<string, number>();

  constructor(private readonly activities: StringDictionary) {
    this.byCode = Array.from({ length: activities.size }, emptyActivity);
    const pairs = activities.size * activities.size;
    this.edges = pairs <= DENSE_EDGE_LIMIT ? new Array<CodeEdge | undefined>(pairs) : new Map();
  }

  /** One journey, read into `f` (see journey-facts.ts). */
  addJourney(f: JourneyFacts): void {
    const { buf, lo, hi } = f;
    const p = this.partial;
    p.journeys += 1;
    p.instances += hi - lo;
    const acts = buf.activity;
    this.byCode[acts[buf.sorted[lo]]].starts += 1;
    this.byCode[acts[buf.sorted[hi - 1]]].ends += 1;
    for (let k = lo; k < hi; k += 1) {
      const i = buf.sorted[k];
      this.addInstance(buf, i);
      if (k > lo) this.addEdge(buf, buf.sorted[k - 1], i);
    }
    p.leadTime.add(f.leadTime);
    this.variants.set(f.variant, (this.variants.get(f.variant) ?? 0) + 1);
    if (f.reworked) this.addRework(f);
    p.trips.total += f.trips;
    p.trips.distribution.set(f.trips, (p.trips.distribution.get(f.trips) ?? 0) + 1);
  }

  /** The partial, with names instead of codes; call once, after the last journey. */
  finish(
    counts: Pick<EnginePartial, 'events' | 'cases' | 'unmatchedStarts' | 'ignoredEvents'>,
    sawChannel: boolean,
  ): EnginePartial {
    const p = this.partial;
    Object.assign(p, counts);
    p.trips.sawChannel = sawChannel;
    this.byCode.forEach((activity, code) => {
      if (activity.count > 0) p.activities.set(this.activities.decode(code), activity);
    });
    for (const entry of this.edges.values()) {
      if (!entry) continue;
      const { from, to, edge } = entry;
      if (entry.waitIsDuration) edge.wait = edge.duration.clone();
      p.edges.set(edgeKey(this.activities.decode(from), this.activities.decode(to)), edge);
    }
    const names = Array.from({ length: this.activities.size }, (_, c) => this.activities.decode(c));
    p.variants = { names, counts: this.variants };
    return p;
  }

  private addInstance(buf: InstanceBuffer, i: number): void {
    const act = buf.activity[i];
    const activity = this.byCode[act];
    activity.count += 1;
    // Instances without a start count as 0 service time; finalize adds them (count − withStart)
    // as zeros, which spares a distribution update per instance in logs without starts.
    if (buf.hasStart[i] === 1) {
      activity.withStart += 1;
      activity.service.add(buf.completeAt[i] - buf.startAt[i]);
    }
  }

  private addEdge(buf: InstanceBuffer, a: number, b: number): void {
    const from = buf.activity[a];
    const to = buf.activity[b];
    const key = from * this.byCode.length + to;
    const edges = this.edges;
    let entry = Array.isArray(edges) ? edges[key] : edges.get(key);
    if (!entry) {
      entry = { from, to, edge: emptyEdge(), waitIsDuration: true };
      if (Array.isArray(edges)) edges[key] = entry;
      else edges.set(key, entry);
    }
    const duration = buf.completeAt[b] - buf.completeAt[a];
    const wait = Math.max(0, buf.startAt[b] - buf.completeAt[a]);
    const edge = entry.edge;
    edge.count += 1;
    // Without starts every wait equals its duration: keep one distribution until they differ.
    if (entry.waitIsDuration && wait !== duration) {
      edge.wait = edge.duration.clone();
      entry.waitIsDuration = false;
    }
    if (!entry.waitIsDuration) edge.wait.add(wait);
    edge.duration.add(duration);
  }

  private addRework(f: JourneyFacts): void {
    for (const act of f.touched) {
      const n = f.occurrences[act];
      if (n > 1 && f.notRework[act] !== 1) {
        this.byCode[act].reworkJourneys += 1;
        this.byCode[act].extraOccurrences += n - 1;
      }
    }
    this.partial.reworkJourneys += 1;
  }
}
