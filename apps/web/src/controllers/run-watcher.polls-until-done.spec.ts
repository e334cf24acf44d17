import type { RunDto } from '@onetrip/contracts';
import { runDto } from '../views/testing/fake-api';
import { startAndWatchRun, watchRun } from './run-watcher';
import { buildingPermit } from '../charts/fixtures/building-permit';

function scripted(states: RunDto[]) {
  const asked: string[] = [];
  return {
    asked,
    api: {
      startRun: () => Promise.resolve(states[0]),
      getRun: (id: string) => {
        asked.push(`run ${id}`);
        return Promise.resolve(states[Math.min(asked.length, states.length - 1)]);
      },
      getRunResult: (id: string) => {
        asked.push(`result ${id}`);
        return Promise.resolve({
          runId: id,
          datasetId: 'd1',
          datasetVersion: 1,
          result: buildingPermit,
        });
      },
    },
  };
}

describe('the run watcher', () => {
  it('reports each state while the run is queued or running, then fetches the result', async () => {
    const { api, asked } = scripted([
      runDto('queued', 0),
      runDto('running', 0.5),
      runDto('completed', 1),
    ]);
    const seen: string[] = [];
    const outcome = await watchRun(api, runDto('queued', 0), {
      pollIntervalMs: 0,
      onProgress: (run) => seen.push(`${run.status} ${run.progress}`),
      onLoadingResult: (run) => seen.push(`loading ${run.status}`),
    });
    expect(seen).toEqual(['queued 0', 'running 0.5', 'loading completed']);
    expect(asked).toEqual(['run r1', 'run r1', 'result r1']);
    expect(outcome.status).toBe('done');
  });

  it('gives a failed run with its error and fetches no result', async () => {
    const failed = { ...runDto('failed', 0.2), error: 'shard 3 lost' };
    const { api, asked } = scripted([runDto('running', 0.1), failed]);
    const outcome = await watchRun(api, runDto('running', 0.1), { pollIntervalMs: 0 });
    expect(outcome).toEqual({ status: 'failed', run: failed, error: new Error('shard 3 lost') });
    expect(asked).toEqual(['run r1']);
  });

  it('stops asking once the page has moved on', async () => {
    const { api, asked } = scripted([runDto('running', 0.1), runDto('completed', 1)]);
    let current = true;
    const outcome = await startAndWatchRun(
      api,
      'd1',
      {},
      {
        pollIntervalMs: 0,
        isCurrent: () => current,
        onProgress: () => {
          current = false;
        },
      },
    );
    expect(outcome).toEqual({ status: 'stale' });
    expect(asked).toEqual([]);
  });
});
