/**
 * A manager compares two service halls at once: the hall filter takes several values, applied
 * together (one mining run for the choice), shows how many are chosen, forgets ticks that were
 * not applied, and "All" clears it.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { click, fakeApi, until } from './testing/fake-api';

describe('a facet filter with several values', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('applies the ticked halls together, says how many, and clears with All', async () => {
    const api = fakeApi();
    const getFacets = api.getFacets;
    api.getFacets = async (id) => ({
      ...(await getFacets(id)),
      locations: [
        { value: '市民中心', events: 400 },
        { value: '东区分中心', events: 200 },
        { value: '西区分中心', events: 113 },
      ],
    });
    const filters: unknown[] = [];
    const startRun = api.startRun;
    api.startRun = (id, request) => {
      filters.push(request?.filter);
      return startRun(id, request);
    };
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await api.upload('d1', new File(['x'], 'x.csv'));
    click(root, '[data-focus="datasets-refresh"]');
    await until(() => !root.querySelector<HTMLButtonElement>('#run-start')?.disabled, 'events');
    click(root, '#run-start');
    await until(() => root.querySelector('#filter-hall-menu input') !== null, 'the hall filter');
    expect(root.querySelector('#filter-hall')?.textContent).toBe('全部');

    const tick = (value: string): void => {
      const box = root.querySelector<HTMLInputElement>(`#filter-hall-menu input[value="${value}"]`);
      if (!box) throw new Error(`no box for ${value}`);
      box.checked = !box.checked;
      box.dispatchEvent(new Event('change'));
    };
    // Ticks that are not applied are forgotten when the list closes.
    const menu = root.querySelector<HTMLDetailsElement>('#filter-hall-menu');
    menu!.open = true;
    tick('西区分中心');
    menu!.open = false;
    menu!.dispatchEvent(new Event('toggle'));
    expect(
      root.querySelector<HTMLInputElement>('#filter-hall-menu input[value="西区分中心"]')?.checked,
    ).toBe(false);

    tick('市民中心');
    tick('东区分中心');
    const runsBefore = filters.length;
    click(root, '#filter-hall-apply');
    await until(() => filters.length === runsBefore + 1, 'one run for the choice');
    const sent = filters.at(-1) as { location: string[] };
    expect(Object.keys(sent)).toEqual(['location']);
    expect([...sent.location].sort()).toEqual(['东区分中心', '市民中心'].sort());
    expect(new URLSearchParams(location.hash.slice(1)).getAll('location').sort()).toEqual(
      ['东区分中心', '市民中心'].sort(),
    );
    await until(() => root.querySelector('#filter-hall')?.textContent === '已选 2 项', 'the count');
    expect(
      [...root.querySelectorAll<HTMLInputElement>('#filter-hall-menu input:checked')].map(
        (b) => b.value,
      ),
    ).toEqual(['市民中心', '东区分中心']);

    click(root, '#filter-hall-all');
    expect(location.hash).not.toContain('location=');
  });
});
