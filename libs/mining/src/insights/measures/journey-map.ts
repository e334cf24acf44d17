/**
 * Insights.edges and Insights.activities: the journey map's side panels. Per DFG edge: wait and
 * duration histograms, case coverage, samples; per activity: service-time histogram, coverage,
 * samples, and the channel and source system of its swimlane. One measure, because an
 * activity's wait histogram is the sum of its incoming edges'.
 */
import { compareStrings } from '../../compare';
import type { StringDictionary } from '../../dictionary';
import { ratio } from '../../figures';
import type { ActivityInsight, EdgeInsight } from '../../insights-types';
import { getOrAdd, addCounts } from '../../maps';
import {
  byCountThenEdge,
  edgeKey,
  namedEdges,
  parseEdgeKey,
  type EnginePartial,
} from '../../partial';
import { addBins, binOf, binsFromJson, binsToJson, emptyBins, toHistogram } from '../histogram';
import { insightMeasure, type FinalizeContext } from '../measure';
import { mergeSamples, mightEnter, offer, toRefs, type Sample } from '../samples';

export interface EdgeInsightPartial {
  /** HISTOGRAM_BINS counts each. */
  wait: number[];
  duration: number[];
  samples: Sample[];
  /** Journeys passing the edge at least once (its case coverage). */
  journeys: number;
}

export interface ActivityInsightPartial {
  service: number[];
  samples: Sample[];
  /** Journeys with the activity at least once (its case coverage). */
  journeys: number;
  /** Channel → instances of the activity on it ('' for none): the activity's swimlane. */
  channels: Map<string, number>;
  /** Source system → instances of the activity recorded there ('' for none). */
  sourceSystems: Map<string, number>;
}

export interface JourneyMapPartial {
  /** Keyed by edgeKey(from, to) as in PartialResult.edges. */
  edges: Map<string, EdgeInsightPartial>;
  activities: Map<string, ActivityInsightPartial>;
}

type Bins = [number, number][];

export interface JourneyMapJson {
  edges: [string, string, { wait: Bins; duration: Bins; samples: Sample[]; journeys?: number }][];
  activities: [
    string,
    {
      service: Bins;
      samples: Sample[];
      journeys?: number;
      channels?: [string, number][];
      sourceSystems?: [string, number][];
    },
  ][];
}

const emptyEdgeInsight = (): EdgeInsightPartial => ({
  wait: emptyBins(),
  duration: emptyBins(),
  samples: [],
  journeys: 0,
});

const emptyActivityInsight = (): ActivityInsightPartial => ({
  service: emptyBins(),
  samples: [],
  journeys: 0,
  channels: new Map<string, number>(),
  sourceSystems: new Map<string, number>(),
});

export const journeyMap = insightMeasure<JourneyMapPartial, JourneyMapJson>({
  empty: () => ({ edges: new Map(), activities: new Map() }),
  tally: (target, { store, columns, insights }) => {
    const acts = store.activities.size;
    const k = insights.sampleSize;
    /** Edge figures by from × activities + to, with names resolved on finish. */
    const edges = new Map<number, EdgeInsightPartial>();
    /** Per edge, the serial of the last journey counted in its coverage. */
    const edgeLastJourney = new Map<number, number>();
    let serial = 0;
    const service = Array.from({ length: acts }, emptyBins);
    const samples: Sample[][] = Array.from({ length: acts }, () => []);
    const journeys = new Int32Array(acts);
    /** Instances per activity × (channel code + 1); column 0 counts instances without one. */
    const channelLanes = store.channels.size + 1;
    const channels = new Int32Array(acts * channelLanes);
    /** Instances per activity × (source system code + 1), likewise. */
    const systemLanes = columns.sourceSystems.size + 1;
    const systems = new Int32Array(acts * systemLanes);
    return {
      addJourney: ({ facts: { buf, lo, hi, touched }, ref, hash }) => {
        for (let j = lo; j < hi; j += 1) {
          const i = buf.sorted[j];
          const act = buf.activity[i];
          channels[act * channelLanes + buf.channel[i] + 1] += 1;
          systems[act * systemLanes + columns.sourceSystemOf[buf.order[i]] + 1] += 1;
          service[act][binOf(buf.completeAt[i] - buf.startAt[i])] += 1;
          if (mightEnter(samples[act], hash, k)) offer(samples[act], { ...ref, hash }, k);
          if (j === lo) continue;
          const a = buf.sorted[j - 1];
          const key = buf.activity[a] * acts + act;
          const edge = getOrAdd(edges, key, emptyEdgeInsight);
          edge.wait[binOf(Math.max(0, buf.startAt[i] - buf.completeAt[a]))] += 1;
          edge.duration[binOf(buf.completeAt[i] - buf.completeAt[a])] += 1;
          if (edgeLastJourney.get(key) !== serial) {
            edgeLastJourney.set(key, serial);
            edge.journeys += 1;
          }
          if (mightEnter(edge.samples, hash, k)) offer(edge.samples, { ...ref, hash }, k);
        }
        for (const act of touched) journeys[act] += 1;
        serial += 1;
      },
      finish: () => {
        const name = (a: number): string => store.activities.decode(a);
        for (const [key, edge] of edges) {
          target.edges.set(edgeKey(name(Math.floor(key / acts)), name(key % acts)), edge);
        }
        for (let a = 0; a < acts; a += 1) {
          if (!service[a].some((n) => n > 0)) continue;
          target.activities.set(name(a), {
            service: service[a],
            samples: samples[a],
            journeys: journeys[a],
            channels: laneCounts(channels, a, store.channels),
            sourceSystems: laneCounts(systems, a, columns.sourceSystems),
          });
        }
      },
    };
  },
  merge: (target, source, { sampleSize }) => {
    for (const [key, e] of source.edges) {
      const t = getOrAdd(target.edges, key, emptyEdgeInsight);
      t.journeys += e.journeys;
      addBins(t.wait, e.wait);
      addBins(t.duration, e.duration);
      mergeSamples(t.samples, e.samples, sampleSize);
    }
    for (const [key, a] of source.activities) {
      const t = getOrAdd(target.activities, key, emptyActivityInsight);
      t.journeys += a.journeys;
      addBins(t.service, a.service);
      addCounts(t.channels, a.channels);
      addCounts(t.sourceSystems, a.sourceSystems);
      mergeSamples(t.samples, a.samples, sampleSize);
    }
  },
  toJson: (p) => ({
    edges: [...p.edges].map(([k, e]) => [
      ...(parseEdgeKey(k) as [string, string]),
      {
        wait: binsToJson(e.wait),
        duration: binsToJson(e.duration),
        samples: e.samples,
        journeys: e.journeys,
      },
    ]),
    activities: [...p.activities].map(([k, a]) => [
      k,
      {
        service: binsToJson(a.service),
        samples: a.samples,
        journeys: a.journeys,
        channels: [...a.channels],
        sourceSystems: [...a.sourceSystems],
      },
    ]),
  }),
  fromJson: (json) => ({
    edges: new Map(
      json.edges.map(([from, to, e]) => [
        edgeKey(from, to),
        {
          wait: binsFromJson(e.wait),
          duration: binsFromJson(e.duration),
          samples: e.samples.map((s) => ({ ...s })),
          // Partials stored before coverage was recorded have none.
          journeys: e.journeys ?? 0,
        },
      ]),
    ),
    activities: new Map(
      json.activities.map(([k, a]) => [
        k,
        {
          service: binsFromJson(a.service),
          samples: a.samples.map((s) => ({ ...s })),
          journeys: a.journeys ?? 0,
          // Partials stored before swimlanes were recorded have neither.
          channels: new Map(a.channels ?? []),
          sourceSystems: new Map(a.sourceSystems ?? []),
        },
      ]),
    ),
  }),
  finalize: (p, context) => ({
    edges: edgeInsights(p, context),
    activities: activityInsights(p, context),
  }),
});

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

function waitSum(partial: EnginePartial, key: string): number {
  return partial.edges.get(key)?.wait.sum ?? 0;
}

function edgeInsights(
  p: JourneyMapPartial,
  { partial, allWaiting }: FinalizeContext,
): EdgeInsight[] {
  return namedEdges(p.edges)
    .map(({ from, to, key, value: e }) => ({
      from,
      to,
      count: partial.edges.get(key)?.count ?? 0,
      waitHistogram: toHistogram(e.wait),
      durationHistogram: toHistogram(e.duration),
      waitShare: ratio(waitSum(partial, key), allWaiting),
      samples: toRefs(e.samples),
      journeys: e.journeys,
    }))
    .sort(byCountThenEdge)
    .map(({ count: _count, ...edge }) => edge);
}

function activityInsights(
  p: JourneyMapPartial,
  { partial, allWaiting }: FinalizeContext,
): ActivityInsight[] {
  // An activity's waits are those of every edge into it.
  const waitBins = new Map<string, number[]>();
  const waitSums = new Map<string, number>();
  for (const [key, e] of p.edges) {
    const to = parseEdgeKey(key)[1];
    addBins(getOrAdd(waitBins, to, emptyBins), e.wait);
    waitSums.set(to, (waitSums.get(to) ?? 0) + waitSum(partial, key));
  }
  return [...p.activities]
    .map(([activity, a]) => ({
      activity,
      count: partial.activities.get(activity)?.count ?? 0,
      serviceHistogram: toHistogram(a.service),
      waitHistogram: toHistogram(waitBins.get(activity) ?? emptyBins()),
      waitShare: ratio(waitSums.get(activity) ?? 0, allWaiting),
      samples: toRefs(a.samples),
      journeys: a.journeys,
      ...lane('channel', a.channels),
      ...lane('sourceSystem', a.sourceSystems),
    }))
    .sort((a, b) => b.count - a.count || compareStrings(a.activity, b.activity))
    .map(({ count: _count, ...activity }) => activity);
}

/** The value most of an activity's instances had (ties: the first by name); none without. */
function lane<K extends 'channel' | 'sourceSystem'>(
  key: K,
  counts: Map<string, number>,
): Partial<Record<K, string>> {
  let best: string | undefined;
  let most = 0;
  for (const [value, n] of counts) {
    if (value === '') continue;
    if (n > most || (n === most && best !== undefined && compareStrings(value, best) < 0)) {
      best = value;
      most = n;
    }
  }
  return best === undefined ? {} : ({ [key]: best } as Partial<Record<K, string>>);
}
