import {
  splitStoredParams,
  toInsightsOptions,
  toJourneyFilter,
  toMiningOptions,
  type DatasetEntity,
  type MiningRunEntity,
} from '@onetrip/backend';
import type { RunFilter, RunParams } from '@onetrip/contracts';
import type { JourneyKey, MiningOptions } from '@onetrip/mining';
import os from 'node:os';

/** How this worker names itself in run_shard.worker. */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;

/** Progress is written (and cancellation noticed) at most this often (ms). */
export const PROGRESS_INTERVAL_MS = 500;

/** What a run mines with: its params and filter, as the miner's options (one place for all jobs). */
export interface RunSetup {
  params: RunParams;
  filter: RunFilter;
  journey: JourneyKey;
  miner: Partial<MiningOptions>;
}

export function runSetup(
  run: Pick<MiningRunEntity, 'params'>,
  dataset: Pick<DatasetEntity, 'timezone'> | null,
): RunSetup {
  const { params, filter } = splitStoredParams(run.params);
  const options = toMiningOptions(params);
  return {
    params,
    filter,
    journey: options.journey ?? 'case',
    miner: {
      ...options,
      journeyFilter: toJourneyFilter(filter),
      insights: toInsightsOptions(params, dataset?.timezone ?? 'UTC'),
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
