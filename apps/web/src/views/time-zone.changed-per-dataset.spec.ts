/**
 * Issue 16: the dataset's time zone can be set and changed in the web app; a name the browser
 * does not know is refused before anything is sent.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { click, fakeApi, typeInto, until } from './testing/fake-api';
import { isKnownTimeZone } from './time-zone';

describe("changing a dataset's time zone", () => {
  it.each([
    ['en', 'Time zone: Asia/Urumqi', 'is not a time zone name'],
    ['zh-CN', '时区：Asia/Urumqi', '不是时区名称'],
  ] as const)('refuses an unknown zone and saves a known one (%s)', async (locale, saved, bad) => {
    history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const api = fakeApi();
    mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('#dataset-time-zone') !== null, 'the zone editor');

    typeInto(root, '#dataset-time-zone', 'Mars/Olympus');
    click(root, '#time-zone-save');
    expect(root.querySelector('[data-testid="time-zone-status"]')?.textContent).toContain(bad);
    expect(api.updates).toEqual([]);

    typeInto(root, '#dataset-time-zone', 'Asia/Urumqi');
    click(root, '#time-zone-save');
    await until(() => api.updates.length === 1, 'the PATCH');
    expect(api.updates[0]).toEqual({ datasetId: 'd1', body: { timezone: 'Asia/Urumqi' } });
    await until(
      () => root.querySelector('[data-testid="dataset-time-zone"] summary')?.textContent === saved,
      'the saved zone shown',
    );
  });

  it('knows IANA zones and nothing else', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Beijing')).toBe(false);
    expect(isKnownTimeZone(' ')).toBe(false);
  });
});
