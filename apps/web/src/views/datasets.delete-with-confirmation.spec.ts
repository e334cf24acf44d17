/**
 * Deleting a dataset from the list: the button asks first, "keep it" cancels, confirming deletes
 * it through the api and leaves the dataset's page; a refusal (an upload still being read) is
 * shown beside the dataset, which stays.
 */
import '../charts/testing/jsdom-polyfills';
import { ApiError } from '../api/client';
import { mountApp } from './app';
import { click, fakeApi, until } from './testing/fake-api';

describe('deleting a dataset in the list', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('asks for a confirmation, can be cancelled, then deletes and leaves the dataset', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    expect(location.hash).toContain('d1');

    click(root, '[data-delete="d1"]');
    const confirm = root.querySelector('.dataset-delete-confirm');
    expect(confirm?.textContent).toContain(
      'Delete “Building permits” with all its events, uploads, runs and results?',
    );
    click(root, '.dataset-delete-confirm button:not([data-delete-confirm])'); // Keep it
    expect(root.querySelector('.dataset-delete-confirm')).toBeNull();
    expect(api.deleted).toEqual([]);

    click(root, '[data-delete="d1"]');
    click(root, '[data-delete-confirm="d1"]');
    await until(() => root.querySelector('[data-dataset-id="d1"]') === null, 'the deletion');
    expect(api.deleted).toEqual(['d1']);
    expect(root.querySelector('.empty-state')?.textContent).toBeTruthy();
    expect(location.hash).not.toContain('d1');
  });

  it('shows why the api refused (zh-CN) and keeps the dataset', async () => {
    const api = fakeApi();
    api.deleteRefusal = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'dataset.ingesting',
      detail: 'Dataset d1 has an upload still being read (u1); wait for it to finish.',
    });
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    expect(root.querySelector('[data-delete="d1"]')?.textContent).toBe('删除');
    click(root, '[data-delete="d1"]');
    expect(root.querySelector('.dataset-delete-confirm')?.textContent).toContain('无法恢复');
    click(root, '[data-delete-confirm="d1"]');
    await until(
      () => root.querySelector('.dataset-row [role="alert"], .dataset-row .error') !== null,
      'the refusal',
    );
    expect(api.deleted).toEqual([]);
    expect(root.querySelector('[data-dataset-id="d1"]')).not.toBeNull();
    expect(root.querySelector('.dataset-row')?.textContent).toContain('upload still being read');
  });
});
