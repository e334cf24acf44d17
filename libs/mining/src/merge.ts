import {
  emptyActivity,
  emptyEdge,
  emptyPartial,
  type ActivityPartial,
  type EdgePartial,
  type PartialResult,
} from './partial';
import { mergeInsights } from './insights/insights';
import { addCounts, getOrAdd } from './maps';
import { mergeVariantTables } from './variant-keys';

/**
 * Folds partial results of disjoint sets of journeys into one: counts and sums add, value
 * multisets and sketches merge. The inputs are not modified, and the order does not matter.
 */
export function mergePartials(parts: readonly PartialResult[]): PartialResult {
  const merged = emptyPartial();
  for (const part of parts) mergeInto(merged, part);
  merged.variants = mergeVariantTables(parts.map((part) => part.variants));
  const insights = mergeInsights(parts.flatMap((part) => (part.insights ? [part.insights] : [])));
  if (insights) merged.insights = insights;
  return merged;
}

function mergeInto(target: PartialResult, source: PartialResult): void {
  target.events += source.events;
  target.instances += source.instances;
  target.cases += source.cases;
  target.journeys += source.journeys;
  target.unmatchedStarts += source.unmatchedStarts;
  target.ignoredEvents += source.ignoredEvents;
  target.reworkJourneys += source.reworkJourneys;
  for (const [name, activity] of source.activities) {
    mergeActivity(getOrAdd(target.activities, name, emptyActivity), activity);
  }
  for (const [key, edge] of source.edges) mergeEdge(getOrAdd(target.edges, key, emptyEdge), edge);
  target.leadTime.merge(source.leadTime);
  target.trips.sawChannel ||= source.trips.sawChannel;
  target.trips.total += source.trips.total;
  addCounts(target.trips.distribution, source.trips.distribution);
}

function mergeActivity(target: ActivityPartial, source: ActivityPartial): void {
  target.count += source.count;
  target.withStart += source.withStart;
  target.service.merge(source.service);
  target.starts += source.starts;
  target.ends += source.ends;
  target.reworkJourneys += source.reworkJourneys;
  target.extraOccurrences += source.extraOccurrences;
}

function mergeEdge(target: EdgePartial, source: EdgePartial): void {
  target.count += source.count;
  target.duration.merge(source.duration);
  target.wait.merge(source.wait);
}
