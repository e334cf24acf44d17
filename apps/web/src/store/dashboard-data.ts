import type { DatasetDto, RunFilter, RunParams } from '@onetrip/contracts';
import { filterKey, type Route } from '../views/route';
import type { DashboardData } from './state';

// The keys of the dashboard's fetched data: the loader (controllers/dashboard-data.ts) writes
// under them, the views read under them.

type DatasetRef = Pick<DatasetDto, 'id' | 'version'>;

export const EMPTY_DASHBOARD_DATA: DashboardData = {
  results: new Map(),
  facets: new Map(),
  timelines: new Map(),
  goals: new Map(),
};

/** A result per (dataset version, run params, canonical filter). */
export function resultKey(dataset: DatasetRef, params: RunParams, filter: RunFilter): string {
  return `${dataset.id}@${dataset.version}|${JSON.stringify(params)}|${filterKey(filter)}`;
}

export function facetsKey(dataset: DatasetRef): string {
  return `${dataset.id}@${dataset.version}`;
}

/** Goals per dataset version: their progress is measured on the version's newest run. */
export function goalsKey(dataset: DatasetRef): string {
  return `${dataset.id}@${dataset.version}`;
}

export function timelineKey(dataset: DatasetRef, journey: NonNullable<Route['journey']>): string {
  return `${dataset.id}@${dataset.version}|${journey.key}|${journey.service ?? ''}`;
}

/** A copy of `map` with `key` set: the store's maps are replaced, never changed in place. */
export function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): Map<string, V> {
  return new Map(map).set(key, value);
}
