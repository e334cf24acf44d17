import {
  splitStoredParams,
  toInsightsOptions,
  toJourneyFilter,
  toMiningOptions,
  type DatasetEntity,
  type MiningRunEntity,
} from '@onetrip/backend';
import type { RunFilter, RunParams } from '@onetrip/contracts';
import { MiningInputError, type JourneyKey, type MiningOptions } from '@onetrip/mining';
import type { Job } from 'bull';
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

/**
 * Streams events into `add`, every 1024 events sleeping the test delay and, at most every
 * PROGRESS_INTERVAL_MS, asking `progress(read)` whether to go on (false: the run was cancelled
 * or finished elsewhere). Answers the events read, or null when it stopped early (leaving the
 * loop closes the COPY). One loop for whole runs and shards.
 */
export async function streamInto<T>(
  events: AsyncIterable<T>,
  add: (event: T) => void,
  options: { delayMs: number; progress: (read: number) => Promise<boolean> },
): Promise<number | null> {
  let read = 0;
  let last = Date.now();
  for await (const event of events) {
    add(event);
    read += 1;
    if ((read & 1023) !== 0) continue;
    if (options.delayMs > 0) await sleep(options.delayMs);
    if (Date.now() - last < PROGRESS_INTERVAL_MS) continue;
    last = Date.now();
    if (!(await options.progress(read))) return null;
  }
  return read;
}

/**
 * Records a failed attempt of a run's or a shard's job: a MiningInputError fails the run at once
 * (coded, the job discarded), the last attempt fails it with the message, an earlier one asks for
 * the retry. A database that is down too only costs the record: Bull still has the failure, and
 * the reconciler writes a spent job's reason once the database is back.
 */
export async function recordFailure(
  job: Job,
  error: unknown,
  record: {
    fail: (
      message: string,
      coded?: { code: string; params: Readonly<Record<string, string | number>> },
    ) => Promise<unknown>;
    retry: (message: string) => Promise<unknown>;
    log: { warn: (line: string) => void; error: (line: string) => void };
    what: string;
  },
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const attempts = job.opts.attempts ?? 1;
  const permanent = error instanceof MiningInputError;
  const last = permanent || job.attemptsMade + 1 >= attempts;
  if (permanent) await job.discard();
  try {
    if (last) {
      await record.fail(
        message,
        permanent ? { code: error.code, params: error.params } : undefined,
      );
    } else await record.retry(message);
  } catch (writeError) {
    record.log.warn(`${record.what}: recording the failure: ${String(writeError)}`);
  }
  record.log.error(
    `${record.what} failed (attempt ${job.attemptsMade + 1}/${attempts}): ${message}`,
  );
}
