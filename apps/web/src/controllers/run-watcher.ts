import type { RunDto, CreateRunRequest, RunResultDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';

/** How a watched run ended; `stale` when the page moved on (another dataset) meanwhile. */
export type RunOutcome =
  | { status: 'done'; run: RunDto; result: RunResultDto }
  | { status: 'failed'; run: RunDto; error: Error }
  | { status: 'stale' };

export interface WatchOptions {
  pollIntervalMs: number;
  /** False once the answer no longer matters: the watcher stops and reports `stale`. */
  isCurrent?: () => boolean;
  /** Every state of the run while it is queued or running (first the one given). */
  onProgress?: (run: RunDto) => void;
  /** The run has completed; its result is being fetched. */
  onLoadingResult?: (run: RunDto) => void;
}

/** A run that failed; `code` and `params` say why when the data could not be mined. */
export class RunFailure extends Error {
  readonly code: string | null;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(run: Pick<RunDto, 'error' | 'errorCode' | 'errorParams'>) {
    super(run.error ?? 'failed');
    this.name = 'RunFailure';
    this.code = run.errorCode ?? null;
    this.params = run.errorParams ?? {};
  }
}

export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one place that polls a run: every `pollIntervalMs` until it completes or fails, then
 * fetches its result. Errors of the api (the run or the result cannot be read) are thrown.
 */
export async function watchRun(
  api: Pick<ApiClient, 'getRun' | 'getRunResult'>,
  initial: RunDto,
  options: WatchOptions,
): Promise<RunOutcome> {
  const isCurrent = options.isCurrent ?? (() => true);
  let run = initial;
  while (run.status === 'queued' || run.status === 'running') {
    options.onProgress?.(run);
    await wait(options.pollIntervalMs);
    if (!isCurrent()) return { status: 'stale' };
    run = await api.getRun(run.id);
    if (!isCurrent()) return { status: 'stale' };
  }
  if (run.status === 'failed') {
    return { status: 'failed', run, error: new RunFailure(run) };
  }
  options.onLoadingResult?.(run);
  const result = await api.getRunResult(run.id);
  if (!isCurrent()) return { status: 'stale' };
  return { status: 'done', run, result };
}

/** Starts a run (`POST /datasets/:id/runs`) and watches it. */
export async function startAndWatchRun(
  api: Pick<ApiClient, 'startRun' | 'getRun' | 'getRunResult'>,
  datasetId: string,
  request: CreateRunRequest,
  options: WatchOptions,
): Promise<RunOutcome> {
  const run = await api.startRun(datasetId, request);
  if (options.isCurrent && !options.isCurrent()) return { status: 'stale' };
  return watchRun(api, run, options);
}
