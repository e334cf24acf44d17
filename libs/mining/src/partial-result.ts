import type { InsightsPartial } from './insights/insights';
import type { EnginePartial } from './partial';

/** What mining a set of journeys yields: mergeable by adding (see merge.ts, finalize.ts). */
export interface PartialResult extends EnginePartial {
  /** The dashboard's breakdowns, when mined with the insights option (insights/insights.ts). */
  insights?: InsightsPartial;
}
