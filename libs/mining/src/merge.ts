import {
  COUNT_FIELDS,
  emptyActivity,
  emptyEdge,
  emptyPartial,
  mergeActivity,
  mergeEdge,
} from './partial';
import type { PartialResult } from './partial-result';
import { mergeInsights } from './insights/insights';
import { addCounts, getOrAdd } from './maps';
import { mergeVariantTables } from './variant-keys';

/**
 * Folds partial results of disjoint sets of journeys into one: counts and sums add, value
 * multisets and sketches merge. The inputs are not modified, and the order does not matter.
 */
export function mergePartials(parts: readonly PartialResult[]): PartialResult {
  const merged: PartialResult = emptyPartial();
  for (const part of parts) mergeInto(merged, part);
  merged.variants = mergeVariantTables(parts.map((part) => part.variants));
  const insights = mergeInsights(parts.flatMap((part) => (part.insights ? [part.insights] : [])));
  if (insights) merged.insights = insights;
  return merged;
}

function mergeInto(target: PartialResult, source: PartialResult): void {
  for (const field of COUNT_FIELDS) target[field] += source[field];
  for (const [name, activity] of source.activities) {
    mergeActivity(getOrAdd(target.activities, name, emptyActivity), activity);
  }
  for (const [key, edge] of source.edges) mergeEdge(getOrAdd(target.edges, key, emptyEdge), edge);
  target.leadTime.merge(source.leadTime);
  target.trips.sawChannel ||= source.trips.sawChannel;
  target.trips.total += source.trips.total;
  addCounts(target.trips.distribution, source.trips.distribution);
}
