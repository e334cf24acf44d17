/**
 * The audit log in the web app: an admin opens it from the header, filters it, pages through 120
 * lines 50 at a time (Older, Older, Newer) and goes back to the datasets; in Chinese too. Other
 * roles have no link, and `#page=audit` shows them nothing of it. The dataset page shows "who
 * accessed this dataset" to managers and up; a viewer's page never asks for it.
 */
import type { AuditEventDto, UserDto } from '@onetrip/contracts';
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { click, fakeApi, NOW, select, typeInto, until, type FakeApi } from './testing/fake-api';

const user = (role: UserDto['role']): UserDto => ({
  id: `u-${role}`,
  username: `${role}-user`,
  role,
  departments: ['tax'],
});

/** Line `n` (ids 1…n, newest first): every 10th an export by ann of d1, the others views. */
function lines(n: number): AuditEventDto[] {
  return Array.from({ length: n }, (_, i) => {
    const id = n - i;
    return {
      id: String(id),
      at: NOW,
      action: id % 10 === 0 ? 'exported' : 'viewed',
      userId: 'u-ann',
      username: id === 1 ? '<img src=x onerror=alert(1)>' : 'ann',
      role: 'analyst',
      datasetId: 'd1',
      targetKind: id % 10 === 0 ? 'upload' : 'dataset',
      targetId: id % 10 === 0 ? `up-${id}` : 'd1',
      ip: '10.0.0.7',
      userAgent: 'Firefox',
      details: {},
    };
  });
}

const ids = (root: HTMLElement): string[] =>
  [...root.querySelectorAll<HTMLElement>('.audit-table tbody tr')].map((r) => r.dataset.auditId!);

describe('the audit page', () => {
  let root: HTMLElement;
  let api: FakeApi;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
    api = fakeApi();
    api.auditLines = lines(120);
  });

  it('opens from the header for an admin, pages 50 lines at a time and goes back', async () => {
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0, user: user('admin') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    expect(root.querySelector('#open-audit')?.textContent).toBe('Audit log');
    click(root, '#open-audit');
    expect(location.hash).toBe('#page=audit');
    await until(() => ids(root).length > 0, 'the first page');
    expect(ids(root)).toHaveLength(50);
    expect(ids(root)[0]).toBe('120');
    expect(ids(root)[49]).toBe('71');
    expect(api.auditQueries).toEqual([{ limit: 50 }]);
    const first = root.querySelector('.audit-table tbody tr[data-audit-id="120"]');
    expect([...(first?.querySelectorAll('td') ?? [])].slice(1).map((td) => td.textContent)).toEqual(
      ['ann (analyst)', 'exported', 'dataset Building permits · upload up-120', '10.0.0.7'],
    );
    expect(root.querySelector<HTMLButtonElement>('#audit-newer')?.disabled).toBe(true);

    click(root, '#audit-older');
    await until(() => ids(root)[0] === '70', 'the second page');
    expect(ids(root)[49]).toBe('21');
    click(root, '#audit-older');
    await until(() => ids(root)[0] === '20', 'the last page');
    expect(ids(root)).toHaveLength(20);
    expect(root.querySelector<HTMLButtonElement>('#audit-older')?.disabled).toBe(true);
    // A stored user name is text, never markup.
    expect(root.querySelector('.audit-table img')).toBeNull();
    expect(root.querySelector('[data-audit-id="1"]')?.textContent).toContain(
      '<img src=x onerror=alert(1)>',
    );
    click(root, '#audit-newer');
    await until(() => ids(root)[0] === '70', 'back to the second page');
    expect(api.auditQueries.map((q) => q.before)).toEqual([undefined, '71', '21', '71']);

    click(root, '#audit-back');
    expect(root.querySelector('[data-testid="audit-page"]')).toBeNull();
    expect(location.hash).not.toContain('audit');
  });

  it('asks for the lines the filter names, with the last day included', async () => {
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0, user: user('admin') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '#open-audit');
    await until(() => ids(root).length > 0, 'the first page');
    typeInto(root, '#audit-user', ' ann ');
    select(root, '#audit-action', 'exported');
    select(root, '#audit-dataset', 'd1');
    typeInto(root, '#audit-from', '2026-12-01');
    typeInto(root, '#audit-to', '2026-12-03');
    // Typing keeps the form (and what was typed) in place.
    expect(root.querySelector<HTMLInputElement>('#audit-user')?.value).toBe(' ann ');
    click(root, '#audit-apply');
    await until(() => ids(root).length === 12, 'the exports');
    expect(api.auditQueries.at(-1)).toEqual({
      limit: 50,
      username: 'ann',
      action: 'exported',
      datasetId: 'd1',
      from: '2026-12-01T00:00:00.000Z', // TZ=UTC in the tests
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(ids(root).slice(0, 3)).toEqual(['120', '110', '100']);

    api.auditLines = [];
    select(root, '#audit-action', 'deleted');
    click(root, '#audit-apply');
    await until(() => root.querySelector('.audit-results .empty-state') !== null, 'no lines');
    expect(root.querySelector('.audit-results .empty-state')?.textContent).toBe(
      'No lines match the filter.',
    );
  });

  it('speaks Chinese', async () => {
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0, user: user('admin') });
    await until(() => root.querySelector('#open-audit') !== null, 'the header');
    expect(root.querySelector('#open-audit')?.textContent).toBe('审计日志');
    click(root, '#open-audit');
    await until(() => ids(root).length > 0, 'the first page');
    expect([...root.querySelectorAll('.audit-table th')].map((th) => th.textContent)).toEqual([
      '时间',
      '用户',
      '操作',
      '对象',
      '来源地址',
    ]);
    expect(root.querySelector('[data-audit-id="120"]')?.textContent).toContain('导出');
    expect(root.querySelector('[data-audit-id="119"]')?.textContent).toContain('查看');
    expect(root.querySelector('#audit-apply')?.textContent).toBe('查询');
  });

  it('is not offered to an analyst, not even by its address', async () => {
    history.replaceState(null, '', '/#page=audit');
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0, user: user('analyst') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    expect(root.querySelector('#open-audit')).toBeNull();
    expect(root.querySelector('[data-testid="audit-page"]')).toBeNull();
    expect(api.auditQueries).toEqual([]);
  });
});

describe('who accessed this dataset', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it("lists the dataset's users with what they did, how often and when last", async () => {
    const api = fakeApi();
    api.accessUsers = [
      {
        userId: 'u-ann',
        username: 'ann',
        role: 'analyst',
        count: 4,
        last: NOW,
        actions: [
          { action: 'viewed', count: 3, last: NOW },
          { action: 'exported', count: 1, last: NOW },
        ],
      },
      {
        userId: null,
        username: null,
        role: null,
        count: 2,
        last: NOW,
        actions: [{ action: 'uploaded', count: 2, last: NOW }],
      },
    ];
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0, user: user('manager') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.access-table') !== null, 'the access panel');
    expect(api.accessAsked).toEqual(['d1']);
    expect(root.querySelector('#access-heading')?.textContent).toBe('Who accessed this dataset');
    const rows = [...root.querySelectorAll('.access-table tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['ann (analyst)', 'viewed ×3, exported ×1'],
      ['Systems with an ingestion key', 'uploaded ×2'],
    ]);
    click(root, '#access-refresh');
    await until(() => api.accessAsked.length === 2, 'the refresh');
  });

  it('is in Chinese for a Chinese page', async () => {
    const api = fakeApi();
    api.accessUsers = [
      {
        userId: 'u-ann',
        username: 'ann',
        role: 'analyst',
        count: 1,
        last: NOW,
        actions: [{ action: 'mined', count: 1, last: NOW }],
      },
    ];
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0, user: user('admin') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.access-table') !== null, 'the access panel');
    expect(root.querySelector('#access-heading')?.textContent).toBe('谁访问过这个数据集');
    expect(root.querySelector('.access-table tbody td:nth-child(2)')?.textContent).toBe(
      '分析 1 次',
    );
  });

  it('is neither shown to nor asked for by a viewer', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0, user: user('viewer') });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.keys-region')?.childElementCount === 1, 'the panels');
    expect(root.querySelector('[data-testid="access"]')).toBeNull();
    expect(api.accessAsked).toEqual([]);
  });
});
