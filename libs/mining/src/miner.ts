import { EventStore } from './event-store';
import { finalize } from './finalize';
import { InsightColumns } from './insights/columns';
import { journeyPredicate } from './insights/journey-filter';
import { insightsTally } from './insights/insights';
import { resolveInsightsOptions } from './insights/options';
import { mineStore } from './mine-store';
import { resolveOptions } from './options';
import type { PartialResult } from './partial-result';
import type { MiningEvent, MiningOptions, MiningResult } from './types';

/** Accepts events one at a time, in any order, and mines them on demand. */
export interface Miner {
  /** Validates and stores one event; throws MiningInputError (and stores nothing) when invalid. */
  add(event: MiningEvent): void;
  readonly eventCount: number;
  /** The mergeable partial result of every event added so far. */
  partial(): PartialResult;
  /** The finished result of every event added so far. */
  result(): MiningResult;
}

export function createMiner(options: Partial<MiningOptions> = {}): Miner {
  const resolved = resolveOptions(options);
  const store = new EventStore(resolved);
  const insights = resolveInsightsOptions(resolved.insights);
  const filter = resolved.journeyFilter;
  const columns = insights || filter ? new InsightColumns() : null;
  const partial = (): PartialResult => {
    const keep = filter && columns ? journeyPredicate(filter, store, columns) : undefined;
    const tally = insights && columns ? insightsTally(store, columns, resolved, insights) : null;
    const p = mineStore(store, resolved, keep, tally?.addJourney, insights ?? undefined);
    if (tally) p.insights = tally.finish();
    return p;
  };
  return {
    add: (event) => {
      store.add(event);
      columns?.set(store.length - 1, event);
    },
    get eventCount() {
      return store.length;
    },
    partial,
    result: () => finalize(partial(), resolved),
  };
}

/** Mines a whole log at once. */
export function mine(
  events: Iterable<MiningEvent>,
  options: Partial<MiningOptions> = {},
): MiningResult {
  const miner = createMiner(options);
  for (const event of events) miner.add(event);
  return miner.result();
}
