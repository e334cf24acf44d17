/** @onetrip/mining: citizen journeys, trips, waits and bottlenecks from an event log. */
export * from './types';
export * from './insights-types';
export { DEFAULT_MINING_OPTIONS, resolveOptions } from './options';
export { MiningInputError, type MiningErrorCode } from './errors';
export { createMiner, mine, type Miner } from './miner';
export { mergePartials } from './merge';
export { suppressSmallCounts } from './small-counts';
export { finalize, type FinalizeOptions } from './finalize';
export type { ActivityPartial, EdgePartial, TripsPartial } from './partial';
export type { PartialResult } from './partial-result';
export type { VariantTable } from './variant-keys';
export { partialFromJson, partialToJson, type PartialResultJson } from './partial-json';
export type { DistributionJson } from './distribution';
export { DEFAULT_INSIGHTS_OPTIONS } from './insights/options';
export {
  journeyTimeline,
  type TimelineInstance,
  type TimelineJourney,
  type TimelineTrip,
} from './insights/timeline';
export * from './goals/goal-kpis';
export * from './goals/goal-status';
export { SERIES_VALUE_LIMIT } from './insights/measures/kpi-series';
export * from './goals/measure-goal';
