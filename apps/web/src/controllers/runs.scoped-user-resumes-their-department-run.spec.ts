/**
 * A user scoped by department (docs/security.md#row-level-scoping) is listed only runs the api
 * limited to their departments: reopening the dataset shows their latest department-only run,
 * while an unfiltered run, when listed, is still preferred and other filtered runs never are.
 */
import type { RunDto } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import type { AppState } from '../store/state';
import { createStore } from '../store/store';
import { fakeApi, runDto } from '../views/testing/fake-api';
import { createRunActions } from './runs';
import { createSession } from './session';

const run = (id: string, filter: RunDto['filter']): RunDto => ({
  ...runDto('completed', 1),
  id,
  filter,
});

async function resumed(listed: RunDto[]): Promise<string | null> {
  const api = fakeApi();
  api.listRuns = () => Promise.resolve(listed);
  // A result with insights, so that it is shown as it is (not mined again).
  api.getRunResult = (runId) =>
    Promise.resolve({
      runId,
      datasetId: 'd1',
      datasetVersion: 1,
      result: { ...demoResult, summary: { ...demoResult.summary } },
    });
  const store = createStore({ run: { status: 'idle' } } as unknown as AppState);
  await createRunActions(api, store, createSession(), 1).resumeLast('d1');
  const state = store.get().run;
  return state.status === 'done' ? state.run.id : null;
}

describe('resuming the latest run', () => {
  it("takes a scoped user's latest run filtered by department alone", async () => {
    expect(
      await resumed([
        run('service-filtered', { department: ['tax'], service: ['Visa'] }),
        run('department-only', { department: ['tax'] }),
      ]),
    ).toBe('department-only');
  });

  it('prefers an unfiltered run when one is listed', async () => {
    expect(await resumed([run('department-only', { department: ['tax'] }), run('all', {})])).toBe(
      'all',
    );
  });

  it('resumes nothing when only other filtered runs are listed', async () => {
    expect(await resumed([run('service-filtered', { service: ['Visa'] })])).toBeNull();
  });
});
