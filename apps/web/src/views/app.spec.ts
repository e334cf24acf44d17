import '../charts/testing/jsdom-polyfills';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { mountApp } from './app';
import { chooseFile, click, fakeApi, runDto, select, until } from './testing/fake-api';

describe('the app', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('takes a dataset from upload to process map', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    expect(root.querySelector('h1')?.textContent).toBe('Building permits');
    expect(root.querySelector<HTMLButtonElement>('#run-start')?.disabled).toBe(true);

    chooseFile(root, new File(['application_no,activity,step_time\n'], 'permits.csv'));
    await until(() => root.querySelector('#mapping-caseId') !== null, 'the mapping dialog');
    select(root, '#mapping-caseId', 'application_no');
    click(root, '#upload-submit');
    await until(() => root.querySelector('[data-testid="upload-report"]') !== null, 'the report');
    expect(api.uploads.map((u) => [u.file, u.options.mapping])).toEqual([
      [
        'permits.csv',
        {
          caseId: 'application_no',
          activity: 'activity',
          timestamp: 'step_time',
          citizen: 'citizen_id',
          location: 'hall',
        },
      ],
    ]);
    const report = root.querySelector('[data-testid="upload-report"]')?.textContent ?? '';
    expect(report).toContain('713');
    expect(report).toContain('not a date');

    await until(() => !root.querySelector<HTMLButtonElement>('#run-start')?.disabled, 'events');
    click(root, '#run-start');
    await until(() => root.querySelector('[data-testid="kpi-cards"]') !== null, 'the overview');
    expect(root.querySelector('[data-kpi="journeys"] .kpi-value')?.textContent).toBe('120');
    expect(root.querySelector('[data-kpi="lead-median"] .kpi-value')?.textContent).toBe('11 d 5 h');
    // No channels in this log: the trip figures say so instead of showing a number.
    expect(root.querySelector('[data-kpi="trips"] .kpi-note')?.textContent).toBe(
      'needs a channel column',
    );
    click(root, '#tab-map');
    await until(() => root.querySelector('.pm-node-activity') !== null, 'the process map');
    expect(location.hash).toBe('#dataset=d1&view=map');
    expect(root.querySelectorAll('.pm-node-activity')).toHaveLength(9);
    // The same numbers as tables: 9 activities and 12 transitions, most frequent first.
    const rows = [...root.querySelectorAll('.map-tables tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(21);
    expect(rows[0]).toBe('Check completeness150');
    expect(rows[9]).toBe('Submit applicationCheck completeness1202 h 10 min2 h 10 min');
  });

  it('mines again when the latest run was mined before results carried insights', async () => {
    const api = fakeApi();
    const started: unknown[] = [];
    api.listRuns = () =>
      Promise.resolve([{ ...runDto('completed', 1), params: { journey: 'case' } }]);
    const startRun = api.startRun;
    api.startRun = (datasetId, request) => {
      started.push(request);
      return startRun(datasetId, request);
    };
    history.replaceState(null, '', '/#dataset=d1');
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => started.length > 0, 'a new run');
    expect(started).toEqual([{ params: { journey: 'case' } }]);
  });

  it('pans and zooms the map from the keyboard', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await api.upload('d1', new File(['x'], 'x.csv'));
    click(root, '[data-focus="datasets-refresh"]');
    await until(() => !root.querySelector<HTMLButtonElement>('#run-start')?.disabled, 'events');
    click(root, '#run-start');
    await until(() => root.querySelector('#tab-map') !== null, 'the dashboard');
    click(root, '#tab-map');
    await until(() => root.querySelector('.pm-node-activity') !== null, 'the process map');
    const frame = root.querySelector<HTMLElement>('[data-testid="process-map"]');
    const viewport = root.querySelector('.pm-viewport');
    expect(frame?.tabIndex).toBe(0);
    frame?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(viewport?.getAttribute('transform')).toBe('translate(60,0) scale(1)');
    frame?.dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true }));
    expect(viewport?.getAttribute('transform')).toBe('translate(0,0) scale(1)');
  });

  it('keeps views and filters in the URL, runs a filter once and never refetches on a view switch', async () => {
    const api = fakeApi();
    const starts: unknown[] = [];
    const startRun = api.startRun;
    api.startRun = (id, request) => {
      starts.push(request);
      return startRun(id, request);
    };
    let results = 0;
    const getRunResult = api.getRunResult;
    api.getRunResult = (id) => {
      results += 1;
      return getRunResult(id);
    };
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await api.upload('d1', new File(['x'], 'x.csv'));
    click(root, '[data-focus="datasets-refresh"]');
    await until(() => !root.querySelector<HTMLButtonElement>('#run-start')?.disabled, 'events');
    click(root, '#run-start');
    await until(
      () => root.querySelector('#filter-service-menu input[value="Building permit"]') !== null,
      'facets',
    );
    const box = root.querySelector<HTMLInputElement>(
      '#filter-service-menu input[value="Building permit"]',
    );
    box!.checked = true;
    box!.dispatchEvent(new Event('change'));
    expect(location.hash).not.toContain('service='); // ticking alone runs nothing
    click(root, '#filter-service-apply');
    expect(location.hash).toBe('#dataset=d1&service=Building+permit');
    await until(
      () => root.querySelector('[data-testid="kpi-cards"]') !== null,
      'the filtered overview',
    );
    expect(starts).toEqual([
      { params: { journey: 'case' } },
      { params: {}, filter: { service: ['Building permit'] } },
    ]);
    const fetched = results;
    for (const view of ['map', 'bottlenecks', 'trips', 'waits', 'variants', 'overview']) {
      click(root, `#tab-${view}`);
      expect(root.querySelector('.view-region')?.getAttribute('data-view')).toBe(view);
    }
    expect(root.querySelector('[data-testid="trips-unavailable"]')).toBeNull();
    expect(results).toBe(fetched);
    // Keyboard: arrows move between tabs (and focus follows).
    root
      .querySelector('#tab-overview')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(location.hash).toContain('view=map');
    expect(document.activeElement?.id).toBe('tab-map');
    root
      .querySelector('#tab-map')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    expect(document.activeElement?.id).toBe('tab-overview');
    expect(starts).toHaveLength(2);
    click(root, '#filter-clear');
    expect(location.hash).toBe('#dataset=d1');
    expect(starts).toHaveLength(2); // the unfiltered result is cached too
  });

  it('switches to Chinese and keeps what is on screen', async () => {
    const api = fakeApi();
    const store = mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    const select = root.querySelector<HTMLSelectElement>('#locale-select');
    select!.value = 'zh-CN';
    select!.dispatchEvent(new Event('change'));
    expect(store.get().locale).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(root.querySelector('#upload-heading')?.textContent).toBe('上传事件日志');
    expect(root.querySelector('h1')?.textContent).toBe('Building permits');
  });

  it('creates a dataset and moves on to choosing its file', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    root.querySelector<HTMLInputElement>('#dataset-name')!.value = 'Business licences';
    click(root, '#create-dataset');
    await until(() => root.querySelector('h1')?.textContent === 'Business licences', 'the dataset');
    expect(document.activeElement?.id).toBe('upload-file');
    expect(root.querySelector('[data-dataset-id="d2"]')?.getAttribute('aria-current')).toBe('true');
    expect(location.hash).toBe('#dataset=d2');
  });

  it('asks for a name before creating a dataset', () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0 });
    click(root, '#create-dataset');
    expect(root.querySelector('.create-form [role="alert"]')?.textContent).toContain('请输入名称');
  });

  it('shows a failed dataset list as a message a user understands', async () => {
    const api: ApiClient = {
      ...fakeApi(),
      listDatasets: () =>
        Promise.reject(
          new ApiError({ type: 'about:blank', title: 'x', status: 0, code: 'network_error' }),
        ),
    };
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('.datasets [role="alert"]') !== null, 'the error');
    expect(root.querySelector('.datasets [role="alert"]')?.textContent).toContain(
      'The server cannot be reached.',
    );
  });
});
