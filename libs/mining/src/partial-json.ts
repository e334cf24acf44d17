import { Distribution, type DistributionJson } from './distribution';
import {
  copyCounts,
  edgeKey,
  parseEdgeKey,
  type ActivityPartial,
  type EdgePartial,
  type PartialCounts,
} from './partial';
import type { PartialResult } from './partial-result';
import { insightsFromJson, insightsToJson, type InsightsPartialJson } from './insights/insights';
import { codeWidth, decodeKey, keyOf, type VariantTable } from './variant-keys';

/**
 * A PartialResult as plain JSON, for storing partials (database, job results) between the
 * shard jobs and the merge job. Map entries become [key, value] pairs.
 */
export interface PartialResultJson extends PartialCounts {
  format: 'onetrip.mining.partial/1';
  activities: [string, ActivityJson][];
  /** [from, to, figures]: no NUL-joined keys, which PostgreSQL's jsonb refuses. */
  edges: [string, string, EdgeJson][];
  /** Activity names, and each variant as its sequence of indexes into them. */
  variants: { names: string[]; counts: [number[], number][] };
  leadTime: DistributionJson;
  trips: { sawChannel: boolean; total: number; distribution: [number, number][] };
  /** Present when mined with the insights option. */
  insights?: InsightsPartialJson;
}

type ActivityJson = Omit<ActivityPartial, 'service'> & { service: DistributionJson };
type EdgeJson = { count: number; duration: DistributionJson; wait: DistributionJson };

const FORMAT = 'onetrip.mining.partial/1';

export function partialToJson(p: PartialResult): PartialResultJson {
  return {
    format: FORMAT,
    ...copyCounts(p),
    activities: [...p.activities].map(([name, a]) => [name, { ...a, service: a.service.toJSON() }]),
    edges: [...p.edges].map(([key, e]): [string, string, EdgeJson] => {
      const [from, to] = parseEdgeKey(key);
      return [from, to, { count: e.count, duration: e.duration.toJSON(), wait: e.wait.toJSON() }];
    }),
    variants: {
      names: p.variants.names,
      counts: [...p.variants.counts].map(([key, n]): [number[], number] => [
        decodeKey(key, codeWidth(p.variants.names.length)),
        n,
      ]),
    },
    leadTime: p.leadTime.toJSON(),
    trips: {
      sawChannel: p.trips.sawChannel,
      total: p.trips.total,
      distribution: [...p.trips.distribution],
    },
    ...(p.insights ? { insights: insightsToJson(p.insights) } : {}),
  };
}

export function partialFromJson(json: PartialResultJson): PartialResult {
  const format: unknown = json.format;
  if (format !== FORMAT) {
    throw new TypeError(
      `not a mining partial result: format is ${JSON.stringify(format)}, expected '${FORMAT}'`,
    );
  }
  return {
    ...copyCounts(json),
    activities: new Map(
      json.activities.map(([name, a]): [string, ActivityPartial] => [
        name,
        {
          ...a,
          service: Distribution.fromJSON(a.service),
        },
      ]),
    ),
    edges: new Map(
      json.edges.map(([from, to, e]): [string, EdgePartial] => [
        edgeKey(from, to),
        {
          count: e.count,
          duration: Distribution.fromJSON(e.duration),
          wait: Distribution.fromJSON(e.wait),
        },
      ]),
    ),
    variants: variantsFromJson(json.variants),
    leadTime: Distribution.fromJSON(json.leadTime),
    trips: {
      sawChannel: json.trips.sawChannel,
      total: json.trips.total,
      distribution: new Map(json.trips.distribution),
    },
    ...(json.insights ? { insights: insightsFromJson(json.insights) } : {}),
  };
}

function variantsFromJson(json: PartialResultJson['variants']): VariantTable {
  const width = codeWidth(json.names.length);
  const counts = new Map(
    json.counts.map(([codes, n]): [string, number] => [keyOf(codes, width), n]),
  );
  return { names: json.names.slice(), counts };
}
