import { Distribution, type DistributionJson } from '../distribution';
import { edgeKey, parseEdgeKey } from '../partial';
import { binsFromJson, binsToJson } from './histogram';
import type { InsightsPartial, PeriodPartial, TripGroup } from './partial';
import type { Sample } from './samples';

type PeriodJson = Omit<PeriodPartial, 'leadTime' | 'queueWait'> & {
  leadTime: DistributionJson;
  queueWait: DistributionJson;
};

/** InsightsPartial as plain JSON (part of PartialResultJson, field `insights`). */
export interface InsightsPartialJson {
  timeZone: string;
  sampleSize: number;
  channelSequenceLimit: number;
  periods: [string, PeriodJson][];
  byService: [string, TripGroup][];
  byDepartment: [string, TripGroup][];
  byHall: [string, TripGroup][];
  returnReasons: [string, { journeys: number; instances: number }][];
  /** No NUL-joined keys anywhere: PostgreSQL's jsonb refuses \u0000. */
  channelSequences: [string[], number][];
  queueByHall: [string, DistributionJson][];
  queueHeat: [number, DistributionJson][];
  queueUncalled: number;
  backOffice: [string, DistributionJson][];
  edges: [
    string,
    string,
    {
      wait: [number, number][];
      duration: [number, number][];
      samples: Sample[];
      journeys?: number;
    },
  ][];
  activities: [
    string,
    {
      service: [number, number][];
      samples: Sample[];
      journeys?: number;
      channels?: [string, number][];
      sourceSystems?: [string, number][];
    },
  ][];
  variantLeadTimes: [string[], DistributionJson][];
}

const SEP = '\u0000';

function distributions<K>(map: Map<K, Distribution>): [K, DistributionJson][] {
  return [...map].map(([k, d]) => [k, d.toJSON()]);
}

function fromDistributions<K>(pairs: [K, DistributionJson][]): Map<K, Distribution> {
  return new Map(pairs.map(([k, d]) => [k, Distribution.fromJSON(d)]));
}

export function insightsToJson(p: InsightsPartial): InsightsPartialJson {
  return {
    timeZone: p.timeZone,
    sampleSize: p.sampleSize,
    channelSequenceLimit: p.channelSequenceLimit,
    periods: [...p.periods].map(([k, v]) => [
      k,
      { ...v, leadTime: v.leadTime.toJSON(), queueWait: v.queueWait.toJSON() },
    ]),
    byService: [...p.byService],
    byDepartment: [...p.byDepartment],
    byHall: [...p.byHall],
    returnReasons: [...p.returnReasons],
    channelSequences: [...p.channelSequences].map(([k, n]) => [k.split(SEP), n]),
    queueByHall: distributions(p.queueByHall),
    queueHeat: distributions(p.queueHeat),
    queueUncalled: p.queueUncalled,
    backOffice: distributions(p.backOffice),
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
    variantLeadTimes: [...p.variantLeadTimes].map(([k, d]) => [k.split(SEP), d.toJSON()]),
  };
}

export function insightsFromJson(json: InsightsPartialJson): InsightsPartial {
  return {
    timeZone: json.timeZone,
    sampleSize: json.sampleSize,
    channelSequenceLimit: json.channelSequenceLimit,
    periods: new Map(
      json.periods.map(([k, v]): [string, PeriodPartial] => [
        k,
        {
          ...v,
          leadTime: Distribution.fromJSON(v.leadTime),
          queueWait: Distribution.fromJSON(v.queueWait),
        },
      ]),
    ),
    byService: new Map(json.byService),
    byDepartment: new Map(json.byDepartment),
    byHall: new Map(json.byHall),
    returnReasons: new Map(json.returnReasons),
    channelSequences: new Map(json.channelSequences.map(([k, n]) => [k.join(SEP), n])),
    queueByHall: fromDistributions(json.queueByHall),
    queueHeat: fromDistributions(json.queueHeat),
    queueUncalled: json.queueUncalled,
    backOffice: fromDistributions(json.backOffice),
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
    variantLeadTimes: new Map(
      json.variantLeadTimes.map(([k, d]) => [k.join(SEP), Distribution.fromJSON(d)]),
    ),
  };
}
