/**
 * Issue 16: the channel roles confirmed at upload can be changed later, beside the run button;
 * saving sends them to the dataset (PATCH) and the next run counts the new in-person values.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { click, fakeApi, select, until } from './testing/fake-api';

describe('changing channel roles after the upload', () => {
  it.each(['en', 'zh-CN'] as const)(
    'shows the saved roles and saves a change (%s)',
    async (locale) => {
      history.replaceState(null, '', '/');
      const root = document.createElement('div');
      document.body.replaceChildren(root);
      const api = fakeApi();
      await api.updateDataset('d1', {
        channelRoles: { 大厅: 'in-person', 网上: 'online', 窗口: 'other' },
      });
      api.updates = [];
      mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
      await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
      click(root, '[data-dataset-id="d1"]');
      await until(
        () => root.querySelector('[data-testid="dataset-channel-roles"]') !== null,
        'roles',
      );

      const editor = root.querySelector('[data-testid="dataset-channel-roles"]')!;
      const shown = [...editor.querySelectorAll<HTMLSelectElement>('select')].map((s) => [
        s.dataset.channel,
        s.value,
      ]);
      expect(shown).toEqual([
        ['大厅', 'in-person'],
        ['窗口', 'other'],
        ['网上', 'online'],
      ]);
      const id = editor.querySelector<HTMLSelectElement>('[data-channel="窗口"]')!.id;
      select(root, `#${id}`, 'in-person');
      click(root, '#channel-roles-save');
      await until(() => api.updates.length === 1, 'the PATCH');
      expect(api.updates[0]).toEqual({
        datasetId: 'd1',
        body: { channelRoles: { 大厅: 'in-person', 网上: 'online', 窗口: 'in-person' } },
      });
      await until(
        () =>
          root.querySelector<HTMLSelectElement>(
            '[data-testid="dataset-channel-roles"] [data-channel="窗口"]',
          )?.value === 'in-person',
        'the saved role shown',
      );
    },
  );

  it('is not offered before any roles were confirmed', async () => {
    history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const api = fakeApi();
    mountApp(root, {
      api,
      locale: 'en',
      storage: null,
      pollIntervalMs: 0,
      uploadPollIntervalMs: 0,
    });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('#run-start') !== null, 'the run controls');
    expect(root.querySelector('[data-testid="dataset-channel-roles"]')).toBeNull();
  });
});
