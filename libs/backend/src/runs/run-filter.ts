/**
 * Run filters (docs/api.md#filtered-runs): canonical form, the run's cache key and translation
 * to the miner's journey filter. Pure functions, shared by the api and the worker. The shape and
 * its validation are RunFilterSchema of @onetrip/contracts.
 * A filter travels inside the run's stored params (`params.filter`), so it needs no column.
 */
import type { RunFilter, RunParams } from '@onetrip/contracts';
import type { JourneyFilter } from '@onetrip/mining';
import { createHash } from 'node:crypto';
import { canonicalRunParams } from './run-params';

/** What the run row stores as params: the mining params plus the filter, when there is one. */
export type StoredRunParams = RunParams & { filter?: RunFilter };

/**
 * Sorted, deduplicated lists, instants as UTC ISO strings, `variant` folded into `variants`, no
 * empty fields: equal filters give equal JSON (and so hit the same cached run).
 */
export function canonicalRunFilter(filter: RunFilter | undefined): RunFilter {
  const out: RunFilter = {};
  if (!filter) return out;
  const list = (v: string[] | undefined) =>
    v && v.length > 0 ? [...new Set(v)].sort() : undefined;
  if (filter.channel) out.channel = list(filter.channel);
  if (filter.department) out.department = list(filter.department);
  if (filter.from) out.from = new Date(Date.parse(filter.from)).toISOString();
  if (filter.location) out.location = list(filter.location);
  if (filter.service) out.service = list(filter.service);
  if (filter.to) out.to = new Date(Date.parse(filter.to)).toISOString();
  const variants = [...(filter.variants ?? []), ...(filter.variant ? [filter.variant] : [])];
  if (variants.length > 0) {
    const unique = new Map(variants.map((v) => [JSON.stringify(v), v]));
    out.variants = [...unique.keys()].sort().map((k) => unique.get(k) as string[]);
  }
  for (const key of Object.keys(out) as (keyof RunFilter)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

export function isEmptyFilter(filter: RunFilter): boolean {
  return Object.keys(filter).length === 0;
}

/** Params as stored on the run row: canonical params, plus the canonical filter if any. */
export function storedRunParams(params: RunParams, filter?: RunFilter): StoredRunParams {
  const canonical: StoredRunParams = canonicalRunParams(params);
  const f = canonicalRunFilter(filter);
  if (!isEmptyFilter(f)) canonical.filter = f;
  return canonical;
}

/** Splits stored params back into the mining params and the filter. */
export function splitStoredParams(stored: RunParams): { params: RunParams; filter: RunFilter } {
  const { filter, ...params } = stored as StoredRunParams;
  return { params, filter: filter ?? {} };
}

/**
 * The run's cache key (with the dataset version): params, filter and the result format. The
 * format tag changes when results gain fields or change meaning (insights/1: insights;
 * insights/2: queue tickets pair within a visit, abandoned tickets; insights/3: the KPI series
 * goals are measured on), so older cached results are
 * not served for requests that expect the new ones.
 */
export const RESULT_FORMAT = 'insights/3';

export function runKeyHash(stored: StoredRunParams): string {
  return createHash('sha256')
    .update(JSON.stringify({ params: stored, format: RESULT_FORMAT }))
    .digest('hex');
}

/** The miner's journey filter (instants to epoch ms, field names to the miner's). */
export function toJourneyFilter(filter: RunFilter): JourneyFilter | undefined {
  if (isEmptyFilter(filter)) return undefined;
  const out: JourneyFilter = {};
  if (filter.from) out.from = Date.parse(filter.from);
  if (filter.to) out.to = Date.parse(filter.to);
  if (filter.service) out.services = filter.service;
  if (filter.department) out.departments = filter.department;
  if (filter.location) out.locations = filter.location;
  if (filter.channel) out.channels = filter.channel;
  const variants = [...(filter.variants ?? []), ...(filter.variant ? [filter.variant] : [])];
  if (variants.length > 0) out.variants = variants;
  return out;
}
