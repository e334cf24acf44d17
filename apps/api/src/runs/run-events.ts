import type { RunDto, RunEventType } from '@onetrip/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How often the run row is read for its event stream (ms). */
export const RUN_EVENTS_POLL_MS = 400;
/** A comment line this often keeps proxies from closing an idle stream (ms). */
const HEARTBEAT_MS = 15_000;

const FINISHED = new Set<RunDto['status']>(['completed', 'failed', 'cancelled']);

/**
 * Streams a run's state as Server-Sent Events: a `progress` event whenever the queued or running
 * run changed (status, progress, shards done, rows read), then one `done` and the end of the
 * stream. The api reads the run row (the source of truth, written by any worker on any machine)
 * every RUN_EVENTS_POLL_MS per open stream: no pub/sub to keep in step with it.
 */
export function streamRunEvents(
  req: IncomingMessage,
  res: ServerResponse,
  read: () => Promise<RunDto | null>,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  res.write(`retry: 2000\n\n`);
  let closed = false;
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
  const end = (): void => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    clearInterval(heartbeat);
    res.end();
  };
  req.on('close', end);
  const send = (type: RunEventType, run: RunDto): void => {
    res.write(`event: ${type}\ndata: ${JSON.stringify(run)}\n\n`);
  };
  const tick = async (): Promise<void> => {
    if (closed) return;
    let run: RunDto | null;
    try {
      run = await read();
    } catch {
      // The database is away: try again a little later.
      timer = setTimeout(() => void tick(), RUN_EVENTS_POLL_MS * 5);
      return;
    }
    if (closed) return;
    if (!run) return end(); // deleted with its dataset
    if (FINISHED.has(run.status)) {
      send('done', run);
      return end();
    }
    const state = `${run.status} ${run.progress} ${run.shardsDone} ${run.rowsRead}`;
    if (state !== last) send('progress', run);
    last = state;
    timer = setTimeout(() => void tick(), RUN_EVENTS_POLL_MS);
  };
  void tick();
}
