import type { StringDictionary } from '../dictionary';
import { Distribution } from '../distribution';
import { NONE, type EventStore } from '../event-store';
import type { InstanceBuffer } from '../instances';
import { forEachJourney } from '../mine-store';
import { normalizeChannel } from '../options';
import { edgeKey } from '../partial';
import type { MiningOptions } from '../types';
import { ZonedCalendar } from './calendar';
import type { InsightColumns } from './columns';
import type { JourneyPredicate } from './journey-filter';
import { binOf, emptyBins } from './histogram';
import type { ResolvedInsightsOptions } from './options';
import {
  emptyInsights,
  emptyPeriod,
  emptyTripGroup,
  getOrAdd,
  type InsightsPartial,
  type TripGroup,
} from './partial';
import { journeyHash, mightEnter, offer, type Sample } from './samples';

/**
 * The insights pass: the same journeys as mineStore (forEachJourney), measured for the
 * dashboard. A separate pass so that the engine's hot loop stays as it is; it runs only when
 * insights are asked for.
 */
export function mineInsights(
  store: EventStore,
  columns: InsightColumns,
  options: MiningOptions,
  insights: ResolvedInsightsOptions,
  keep?: JourneyPredicate,
): InsightsPartial {
  const acc = new InsightsAccumulator(store, columns, options, insights);
  forEachJourney(store, options, (buf, lo, hi) => {
    if (!keep || keep(buf, lo, hi)) acc.addJourney(buf, lo, hi);
  });
  return acc.finish();
}

class InsightsAccumulator {
  private readonly p: InsightsPartial;
  private readonly calendar: ZonedCalendar;
  private readonly inPerson: Uint8Array;
  private readonly citizenChannel: Uint8Array;
  private readonly backOfficeChannel: Uint8Array;
  /** Per activity code: 1 queue start, 2 queue end, 4 citizen action. */
  private readonly activityFlags: Uint8Array;
  private readonly occurrences: Int32Array;
  private readonly returned: Int32Array;
  private readonly touched: number[] = [];
  private readonly halls: number[] = [];
  private readonly queue: number[] = [];
  private variantCodes: number[] = [];
  private readonly tripOf: number[] = [];
  /** Edge insights by from × activities + to, with names resolved on finish. */
  private readonly edges = new Map<number, { wait: number[]; duration: number[] }>();
  private readonly edgeSamples = new Map<number, Sample[]>();
  /** Per edge, the serial of the last journey counted in its coverage. */
  private readonly edgeLastJourney = new Map<number, number>();
  private readonly edgeJourneys = new Map<number, number>();
  private readonly activityJourneys: Int32Array;
  private journeySerial = 0;
  private readonly activityService: number[][];
  /** Instances per activity × (channel code + 1); column 0 counts instances without one. */
  private readonly activityChannels: Int32Array;
  /** Instances per activity × (source system code + 1), likewise. */
  private readonly activitySystems: Int32Array;
  private readonly activitySamples: Sample[][];
  /** Variant code strings → lead times; names resolved on finish. */
  private readonly variants = new Map<string, Distribution>();
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly store: EventStore,
    private readonly columns: InsightColumns,
    private readonly options: MiningOptions,
    private readonly insights: ResolvedInsightsOptions,
  ) {
    this.p = emptyInsights(insights.timeZone, insights.sampleSize, insights.channelSequenceLimit);
    this.calendar = new ZonedCalendar(insights.timeZone);
    const inPerson = new Set(options.inPerson.map(normalizeChannel));
    const citizen = new Set(insights.citizenChannels);
    const backOffice = new Set(insights.backOfficeChannels);
    const channelFlags = (set: Set<string>): Uint8Array =>
      Uint8Array.from({ length: store.channels.size }, (_, c) =>
        set.has(normalizeChannel(store.channels.decode(c))) ? 1 : 0,
      );
    this.inPerson = channelFlags(inPerson);
    this.citizenChannel = channelFlags(citizen);
    this.backOfficeChannel = channelFlags(backOffice);
    const starts = new Set(insights.queueStartActivities);
    const ends = new Set(insights.queueEndActivities);
    const citizenActs = new Set(insights.citizenActivities);
    const acts = store.activities.size;
    this.activityFlags = Uint8Array.from({ length: acts }, (_, a) => {
      const name = store.activities.decode(a);
      return (
        (starts.has(name) ? 1 : 0) | (ends.has(name) ? 2 : 0) | (citizenActs.has(name) ? 4 : 0)
      );
    });
    this.occurrences = new Int32Array(acts);
    this.returned = new Int32Array(acts);
    this.activityService = Array.from({ length: acts }, emptyBins);
    this.activityChannels = new Int32Array(acts * (store.channels.size + 1));
    this.activityJourneys = new Int32Array(acts);
    this.activitySystems = new Int32Array(acts * (columns.sourceSystems.size + 1));
    this.activitySamples = Array.from({ length: acts }, () => []);
  }

  addJourney(buf: InstanceBuffer, lo: number, hi: number): void {
    if (hi <= lo) return;
    const store = this.store;
    const acts = store.activities.size;
    const first = buf.sorted[lo];
    const start = buf.startAt[first];
    let latest = -Infinity;
    const channelLanes = store.channels.size + 1;
    const systemLanes = this.columns.sourceSystems.size + 1;
    for (let k = lo; k < hi; k += 1) {
      const i = buf.sorted[k];
      const c = buf.completeAt[i];
      if (c > latest) latest = c;
      const activity = buf.activity[i];
      this.activityChannels[activity * channelLanes + buf.channel[i] + 1] += 1;
      const system = this.columns.sourceSystemOf[buf.order[i]];
      this.activitySystems[activity * systemLanes + system + 1] += 1;
    }
    const leadTime = latest - start;
    const period = getOrAdd(this.p.periods, this.calendar.fields(start).period, emptyPeriod);

    // The journey's reference and hash, for the samples.
    const ref = this.journeyRef(buf.order[first], start);
    const hash = journeyHash(ref.key, ref.service, start);
    const k = this.insights.sampleSize;

    // Trips, numbered as countTrips counts them; service and department of the journey.
    const trips = this.numberTrips(buf, lo, hi);
    const halls = this.halls;
    halls.length = 0;
    let service = NONE;
    let department = NONE;
    let reworked = false;
    let sequence = '';
    let lastChannel = -2;
    const queue = this.queue;
    queue.length = 0;
    for (let j = lo; j < hi; j += 1) {
      const i = buf.sorted[j];
      const e = buf.order[i];
      const act = buf.activity[i];
      const trip = this.tripOf[j - lo];
      if (trip > 0 && !halls.includes(buf.location[i])) halls.push(buf.location[i]);
      if (service === NONE) service = this.columns.serviceOf[e] ?? NONE;
      if (department === NONE) department = this.columns.departmentOf[e] ?? NONE;
      if (this.occurrences[act] === 0) this.touched.push(act);
      this.occurrences[act] += 1;
      if (trip >= 2) this.returned[act] += 1;
      const channel = buf.channel[i];
      if (channel !== lastChannel) {
        sequence += String.fromCharCode(channel + 1);
        lastChannel = channel;
      }
      // Service time histogram and samples per activity.
      this.activityService[act][binOf(buf.completeAt[i] - buf.startAt[i])] += 1;
      const actSamples = this.activitySamples[act];
      if (mightEnter(actSamples, hash, k)) offer(actSamples, { ...ref, hash }, k);
      // Queue: a ticket waits for the next call at the same hall (or with no hall on either).
      const flags = this.activityFlags[act];
      if (flags & 1) queue.push(i);
      else if (flags & 2) this.callTicket(buf, queue, i, period.queueWait);
      if (j === lo) continue;
      const a = buf.sorted[j - 1];
      const wait = Math.max(0, buf.startAt[i] - buf.completeAt[a]);
      const citizenAction =
        (flags & 5) !== 0 || (channel >= 0 && this.citizenChannel[channel] === 1);
      if (citizenAction) period.citizenWait += wait;
      else period.governmentWait += wait;
      if (channel >= 0 && this.backOfficeChannel[channel] === 1) {
        const dept = this.columns.departmentOf[e] ?? NONE;
        const name = dept === NONE ? '' : this.columns.departments.decode(dept);
        getOrAdd(this.p.backOffice, name, () => new Distribution()).add(wait);
      }
      const key = buf.activity[a] * acts + act;
      const edge = getOrAdd(this.edges, key, () => ({ wait: emptyBins(), duration: emptyBins() }));
      edge.wait[binOf(wait)] += 1;
      edge.duration[binOf(buf.completeAt[i] - buf.completeAt[a])] += 1;
      if (this.edgeLastJourney.get(key) !== this.journeySerial) {
        this.edgeLastJourney.set(key, this.journeySerial);
        this.edgeJourneys.set(key, (this.edgeJourneys.get(key) ?? 0) + 1);
      }
      const samples = getOrAdd(this.edgeSamples, key, () => []);
      if (mightEnter(samples, hash, k)) offer(samples, { ...ref, hash }, k);
    }
    this.p.queueUncalled += queue.length;

    // Rework and return reasons (per journey: each activity once).
    const variant = this.variantKey(buf, lo, hi);
    for (const act of this.touched) {
      this.activityJourneys[act] += 1;
      if (this.occurrences[act] > 1) reworked = true;
      if (this.returned[act] > 0) {
        const reason = getOrAdd(this.p.returnReasons, store.activities.decode(act), () => ({
          journeys: 0,
          instances: 0,
        }));
        reason.journeys += 1;
        reason.instances += this.returned[act];
      }
      this.occurrences[act] = 0;
      this.returned[act] = 0;
    }
    this.touched.length = 0;
    this.journeySerial += 1;
    getOrAdd(this.variants, variant, () => new Distribution()).add(leadTime);
    this.sequences.set(sequence, (this.sequences.get(sequence) ?? 0) + 1);

    period.leadTime.add(leadTime);
    if (reworked) period.rework += 1;
    addToGroup(period, trips);
    const serviceName = service === NONE ? '' : this.columns.services.decode(service);
    addToGroup(getOrAdd(this.p.byService, serviceName, emptyTripGroup), trips);
    const deptName = department === NONE ? '' : this.columns.departments.decode(department);
    addToGroup(getOrAdd(this.p.byDepartment, deptName, emptyTripGroup), trips);
    for (const hall of halls) {
      const name = hall === NONE ? '' : store.locations.decode(hall);
      addToGroup(getOrAdd(this.p.byHall, name, emptyTripGroup), trips);
    }
  }

  finish(): InsightsPartial {
    const p = this.p;
    const store = this.store;
    const acts = store.activities.size;
    const name = (a: number): string => store.activities.decode(a);
    for (const [key, edge] of this.edges) {
      const from = Math.floor(key / acts);
      const to = key % acts;
      p.edges.set(edgeKey(name(from), name(to)), {
        ...edge,
        samples: this.edgeSamples.get(key) ?? [],
        journeys: this.edgeJourneys.get(key) ?? 0,
      });
    }
    for (let a = 0; a < acts; a += 1) {
      if (this.activityService[a].some((n) => n > 0)) {
        p.activities.set(name(a), {
          service: this.activityService[a],
          samples: this.activitySamples[a],
          journeys: this.activityJourneys[a],
          channels: laneCounts(this.activityChannels, a, this.store.channels),
          sourceSystems: laneCounts(this.activitySystems, a, this.columns.sourceSystems),
        });
      }
    }
    for (const [codes, d] of this.variants) {
      const names = decodeVariantKey(codes).map(name);
      p.variantLeadTimes.set(names.join('\u0000'), d);
    }
    // Recorded even in a shard without channels: another shard may have them (finalize decides).
    for (const [codes, n] of this.sequences) {
      const names = [...codes].map((ch) => {
        const c = ch.charCodeAt(0) - 1;
        return c === NONE ? '(none)' : store.channels.decode(c);
      });
      const key = names.join('\u0000');
      p.channelSequences.set(key, (p.channelSequences.get(key) ?? 0) + n);
    }
    return p;
  }

  private journeyRef(
    event: number,
    start: number,
  ): { key: string; service?: string; start: number } {
    const store = this.store;
    if (this.options.journey === 'case')
      return { key: store.cases.decode(store.caseOf[event]), start };
    const key = store.keys.decode(store.keyOf[event]);
    if (this.options.journey === 'citizen') return { key, start };
    const cut = key.indexOf('\u0000');
    return { key: key.slice(0, cut), service: key.slice(cut + 1), start };
  }

  /** The journey's activity codes as a string, two UTF-16 units per code (any code fits). */
  private variantKey(buf: InstanceBuffer, lo: number, hi: number): string {
    const codes = this.variantCodes;
    codes.length = 0;
    for (let j = lo; j < hi; j += 1) {
      const act = buf.activity[buf.sorted[j]];
      codes.push(act >>> 16, act & 0xffff);
    }
    let key = '';
    for (let k = 0; k < codes.length; k += 4096) {
      key += String.fromCharCode(...codes.slice(k, k + 4096));
    }
    return key;
  }

  /** tripOf[j − lo] = 1-based trip of instance j, 0 when not in person; returns the count. */
  private numberTrips(buf: InstanceBuffer, lo: number, hi: number): number {
    this.tripOf.length = 0;
    let trips = 0;
    let previous = -1;
    for (let j = lo; j < hi; j += 1) {
      const i = buf.sorted[j];
      const channel = buf.channel[i];
      if (channel < 0 || this.inPerson[channel] !== 1) {
        this.tripOf.push(0);
        continue;
      }
      const continues =
        previous >= 0 &&
        buf.location[i] === buf.location[previous] &&
        buf.startAt[i] - buf.completeAt[previous] <= this.options.tripGapMs;
      if (!continues) trips += 1;
      this.tripOf.push(trips);
      previous = i;
    }
    return trips;
  }

  /** Pairs a call with the oldest waiting ticket at the same hall. */
  private callTicket(
    buf: InstanceBuffer,
    queue: number[],
    call: number,
    periodWaits: Distribution,
  ) {
    const at = queue.findIndex((t) => buf.location[t] === buf.location[call]);
    if (at < 0) return;
    const ticket = queue[at];
    queue.splice(at, 1);
    const wait = Math.max(0, buf.startAt[call] - buf.completeAt[ticket]);
    periodWaits.add(wait);
    const hall = buf.location[ticket];
    const hallName = hall === NONE ? '' : this.store.locations.decode(hall);
    getOrAdd(this.p.queueByHall, hallName, () => new Distribution()).add(wait);
    const { weekday, hour } = this.calendar.fields(buf.completeAt[ticket]);
    getOrAdd(this.p.queueHeat, (weekday - 1) * 24 + hour, () => new Distribution()).add(wait);
  }
}

function decodeVariantKey(key: string): number[] {
  const codes: number[] = [];
  for (let k = 0; k < key.length; k += 2)
    codes.push(key.charCodeAt(k) * 0x10000 + key.charCodeAt(k + 1));
  return codes;
}

function addToGroup(group: TripGroup, trips: number): void {
  group.journeys += 1;
  group.trips += trips;
  if (trips <= 1) group.atMostOne += 1;
  if (trips === 0) group.zeroTrip += 1;
}

/** One activity's row of an activity × (code + 1) count table, by decoded value ('' for none). */
function laneCounts(
  table: Int32Array,
  activity: number,
  dictionary: StringDictionary,
): Map<string, number> {
  const lanes = dictionary.size + 1;
  const counts = new Map<string, number>();
  for (let lane = 0; lane < lanes; lane += 1) {
    const n = table[activity * lanes + lane];
    if (n > 0) counts.set(lane === 0 ? '' : dictionary.decode(lane - 1), n);
  }
  return counts;
}
