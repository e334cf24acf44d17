/**
 * An administrator connects the hall queue system: creates an ingestion key, copies it (shown
 * only once), sees the curl line to push events, and later revokes the key.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { curlExample } from './ingestion-keys';
import { click, fakeApi, until } from './testing/fake-api';

describe('ingestion keys in the data panel', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('shows a new key once, with a copy button and the curl line, then revokes it', async () => {
    const api = fakeApi();
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.keys-card .empty-state') !== null, 'the empty list');

    root.querySelector<HTMLInputElement>('#key-name')!.value = 'hall queue system';
    root.querySelector<HTMLInputElement>('#key-name')!.dispatchEvent(new Event('input'));
    click(root, '#key-create');
    await until(() => root.querySelector('[data-testid="created-key"]') !== null, 'the new key');
    const secret = api.keys.length === 1 ? 'otk_secret1abcdefghijklmnopqrstuvwxyz' : '';
    expect(root.querySelector<HTMLInputElement>('#created-key-value')?.value).toBe(secret);
    expect(root.querySelector('[data-testid="created-key"] [role="alert"]')?.textContent).toContain(
      'shown only this once',
    );
    expect(root.querySelector('[data-testid="created-key"] pre')?.textContent).toBe(
      `curl -H "Authorization: Bearer ${secret}" -H "Content-Type: application/x-ndjson" ` +
        '--data-binary @events.ndjson http://onetrip.test/api/v1/datasets/d1/events',
    );
    expect(document.activeElement?.id).toBe('key-copy');
    click(root, '#key-copy');
    await until(() => copied.length === 1, 'the clipboard');
    expect(copied).toEqual([secret]);
    expect(root.querySelector('#key-copy')?.textContent).toBe('Copied ✓');

    // The list shows the key by its prefix only.
    const row = root.querySelector('.keys-table tbody tr');
    expect(row?.textContent).toContain('hall queue system');
    expect(row?.textContent).toContain('otk_secret1a…');
    expect(root.querySelector('.keys-table')?.textContent).not.toContain(secret);

    // Once dismissed, the key is gone for good.
    click(root, '#key-dismiss');
    expect(root.querySelector('[data-testid="created-key"]')).toBeNull();
    expect(root.textContent).not.toContain(secret);
    expect(root.querySelector('.curl-example pre')?.textContent).toContain('Bearer $KEY');

    click(root, '[data-revoke="k1"]');
    expect(root.querySelector('.revoke-confirm')?.textContent).toContain('Stops working at once.');
    click(root, '[data-revoke-confirm="k1"]');
    await until(() => root.querySelector('.keys-table tr.revoked') !== null, 'the revoked key');
    expect(api.keys[0].revokedAt).not.toBeNull();
    expect(root.querySelector('.keys-table caption')?.textContent).toBe('Keys: 0 active of 1');
  });

  it('keeps a key just created on screen when the language changes', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'en', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    click(root, '#key-create');
    await until(() => root.querySelector('#created-key-value') !== null, 'the new key');
    const locale = root.querySelector<HTMLSelectElement>('#locale-select');
    locale!.value = 'zh-CN';
    locale!.dispatchEvent(new Event('change'));
    expect(root.querySelector<HTMLInputElement>('#created-key-value')?.value).toMatch(/^otk_/);
    expect(root.querySelector('[data-testid="created-key"] [role="alert"]')?.textContent).toContain(
      '只显示这一次',
    );
  });

  it('writes the curl example on one line', () => {
    expect(curlExample('https://x/api/v1/datasets/d/events', '$KEY')).not.toContain('\n');
  });
});
