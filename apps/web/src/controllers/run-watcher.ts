import type { RunDto, CreateRunRequest, RunResultDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';

/** How a watched run ended; `stale` when the page moved on (another dataset) meanwhile. */
export type RunOutcome =
  | { status: 'done'; run: RunDto; result: RunResultDto }
  | { status: 'failed'; run: RunDto; error: Error }
  | { status: 'stale' };

/** The part of the browser's EventSource the watcher uses. */
export interface RunEventSource {
  addEventListener(
    type: 'progress' | 'done',
    listener: (event: MessageEvent<string>) => void,
  ): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/** The browser's EventSource on the page's cookie session, or null where there is none. */
export function browserEventSource(url: string): RunEventSource | null {
  if (typeof EventSource === 'undefined') return null;
  return new EventSource(url, { withCredentials: true });
}

export interface WatchOptions {
  /** Between two reads of the run when it is polled (no EventSource, or its stream broke). */
  pollIntervalMs: number;
  /** Opens a run's event stream; default the browser's EventSource. Null: poll instead. */
  eventSource?: (url: string) => RunEventSource | null;
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

type WatchApi = Pick<ApiClient, 'getRun' | 'getRunResult'> &
  Partial<Pick<ApiClient, 'runEventsUrl'>>;

const unfinished = (run: RunDto): boolean => run.status === 'queued' || run.status === 'running';

/**
 * Follows a run's Server-Sent Events (`GET /runs/:id/events`) until `done`: the finished run;
 * `stale` when the page moved on; `broken` (with the latest state) when the stream failed, and
 * the caller polls from there.
 */
function followEvents(
  source: RunEventSource,
  initial: RunDto,
  options: WatchOptions,
  isCurrent: () => boolean,
): Promise<{ kind: 'done' | 'broken'; run: RunDto } | { kind: 'stale' }> {
  return new Promise((resolve) => {
    let latest = initial;
    let settled = false;
    const finish = (answer: { kind: 'done' | 'broken'; run: RunDto } | { kind: 'stale' }) => {
      if (settled) return;
      settled = true;
      source.close();
      clearInterval(watch);
      resolve(answer);
    };
    // The page may move on between two events.
    const watch = setInterval(() => {
      if (!isCurrent()) finish({ kind: 'stale' });
    }, 250);
    source.addEventListener('progress', (event) => {
      if (!isCurrent()) return finish({ kind: 'stale' });
      latest = JSON.parse(event.data) as RunDto;
      options.onProgress?.(latest);
    });
    source.addEventListener('done', (event) => {
      if (!isCurrent()) return finish({ kind: 'stale' });
      finish({ kind: 'done', run: JSON.parse(event.data) as RunDto });
    });
    source.onerror = () => finish({ kind: 'broken', run: latest });
  });
}

/**
 * The one place that watches a run: by its Server-Sent Events where the browser has
 * EventSource, else (or once the stream breaks) by reading it every `pollIntervalMs`, until it
 * completes, fails or is cancelled; then it fetches the result. Errors of the api (the run or
 * the result cannot be read) are thrown.
 */
export async function watchRun(
  api: WatchApi,
  initial: RunDto,
  options: WatchOptions,
): Promise<RunOutcome> {
  const isCurrent = options.isCurrent ?? (() => true);
  let run = initial;
  const open = options.eventSource ?? browserEventSource;
  const source = unfinished(run) && api.runEventsUrl ? open(api.runEventsUrl(run.id)) : null;
  if (source) {
    options.onProgress?.(run);
    const followed = await followEvents(source, run, options, isCurrent);
    if (followed.kind === 'stale') return { status: 'stale' };
    run = followed.run;
    if (followed.kind === 'broken' && unfinished(run)) {
      await wait(options.pollIntervalMs);
      if (!isCurrent()) return { status: 'stale' };
      run = await api.getRun(run.id);
    }
  }
  while (unfinished(run)) {
    options.onProgress?.(run);
    await wait(options.pollIntervalMs);
    if (!isCurrent()) return { status: 'stale' };
    run = await api.getRun(run.id);
    if (!isCurrent()) return { status: 'stale' };
  }
  if (run.status === 'failed') {
    return { status: 'failed', run, error: new RunFailure(run) };
  }
  if (run.status === 'cancelled') {
    const why = { error: run.error ?? 'cancelled', errorCode: 'cancelled', errorParams: null };
    return { status: 'failed', run, error: new RunFailure(why) };
  }
  options.onLoadingResult?.(run);
  const result = await api.getRunResult(run.id);
  if (!isCurrent()) return { status: 'stale' };
  return { status: 'done', run, result };
}

/** Starts a run (`POST /datasets/:id/runs`) and watches it. */
export async function startAndWatchRun(
  api: Pick<ApiClient, 'startRun'> & WatchApi,
  datasetId: string,
  request: CreateRunRequest,
  options: WatchOptions,
): Promise<RunOutcome> {
  const run = await api.startRun(datasetId, request);
  if (options.isCurrent && !options.isCurrent()) return { status: 'stale' };
  return watchRun(api, run, options);
}
