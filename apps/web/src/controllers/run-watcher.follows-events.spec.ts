import type { RunDto } from '@onetrip/contracts';
import { buildingPermit } from '../charts/fixtures/building-permit';
import { runDto } from '../views/testing/fake-api';
import { watchRun } from './run-watcher';

/** A scripted event stream: the test sends its events and sees when it is closed. */
function fakeSource() {
  const listeners = new Map<string, (event: MessageEvent<string>) => void>();
  const source = {
    opened: [] as string[],
    closed: false,
    onerror: null as ((event: Event) => void) | null,
    addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
      listeners.set(type, listener);
    },
    close() {
      source.closed = true;
    },
    send(type: 'progress' | 'done', run: RunDto) {
      listeners.get(type)?.({ data: JSON.stringify(run) } as MessageEvent<string>);
    },
  };
  return source;
}

function api(states: RunDto[]) {
  const asked: string[] = [];
  return {
    asked,
    getRun: (id: string) => {
      asked.push(`run ${id}`);
      return Promise.resolve(states.shift() ?? runDto('completed', 1));
    },
    runEventsUrl: (id: string) => `/api/v1/runs/${id}/events`,
    getRunResult: (id: string) => {
      asked.push(`result ${id}`);
      return Promise.resolve({
        runId: id,
        datasetId: 'd1',
        datasetVersion: 1,
        result: buildingPermit,
      });
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the run watcher with Server-Sent Events', () => {
  it('follows progress events to done without polling, then fetches the result', async () => {
    const source = fakeSource();
    const client = api([]);
    const seen: string[] = [];
    const watching = watchRun(client, runDto('queued', 0), {
      pollIntervalMs: 0,
      eventSource: (url) => {
        source.opened.push(url);
        return source;
      },
      onProgress: (run) => seen.push(`${run.status} ${run.progress}`),
    });
    await tick();
    source.send('progress', runDto('running', 0.25));
    source.send('progress', runDto('running', 0.75));
    source.send('done', runDto('completed', 1));
    const outcome = await watching;
    expect(source.opened).toEqual(['/api/v1/runs/r1/events']);
    expect(seen).toEqual(['queued 0', 'running 0.25', 'running 0.75']);
    expect(client.asked).toEqual(['result r1']);
    expect(source.closed).toBe(true);
    expect(outcome.status).toBe('done');
  });

  it('falls back to polling when the stream breaks', async () => {
    const source = fakeSource();
    const client = api([runDto('running', 0.5), runDto('completed', 1)]);
    const watching = watchRun(client, runDto('running', 0.1), {
      pollIntervalMs: 0,
      eventSource: () => source,
    });
    await tick();
    source.onerror?.(new Event('error'));
    const outcome = await watching;
    expect(client.asked).toEqual(['run r1', 'run r1', 'result r1']);
    expect(outcome.status).toBe('done');
  });

  it('polls when there is no EventSource (null)', async () => {
    const client = api([runDto('completed', 1)]);
    const outcome = await watchRun(client, runDto('running', 0.1), {
      pollIntervalMs: 0,
      eventSource: () => null,
    });
    expect(client.asked).toEqual(['run r1', 'result r1']);
    expect(outcome.status).toBe('done');
  });

  it('reports a cancelled run as a failure with code cancelled, and fetches no result', async () => {
    const source = fakeSource();
    const client = api([]);
    const watching = watchRun(client, runDto('running', 0.1), {
      pollIntervalMs: 0,
      eventSource: () => source,
    });
    await tick();
    source.send('done', { ...runDto('running', 0.4), status: 'cancelled' });
    const outcome = await watching;
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({ code: 'cancelled' });
    expect(client.asked).toEqual([]);
  });
});
