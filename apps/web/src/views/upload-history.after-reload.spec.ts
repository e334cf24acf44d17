/**
 * A clerk reloads the page after yesterday's imports: the data panel lists the dataset's recent
 * uploads — the completed one with its rejected rows to download, the one the server lost while
 * it ran shown as failed with the reason — and a new upload joins the list when it ends.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { chooseFile, click, fakeApi, select, until, uploadReport } from './testing/fake-api';

function summary(patch: Parameters<typeof uploadReport>[2]) {
  const { rejected: _rejected, ...rest } = uploadReport('d1', 'x.csv', patch);
  return rest;
}

describe('the upload history in the data panel', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  const rows = (): string[][] =>
    [...root.querySelectorAll('.history-table tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td:not(.upload-delete)')].map((td) => td.textContent ?? ''),
    );

  it('lists recent uploads after a reload, newest first, and adds a new one when it ends', async () => {
    const api = fakeApi();
    api.history.push(
      summary({
        id: 'u-lost',
        fileName: '大厅取号 11月.csv',
        status: 'failed',
        rowsRead: 51_200,
        rowsAccepted: 0,
        rowsDuplicate: 0,
        rowsRejected: 0,
        errorCode: 'upload.interrupted',
        error: 'The upload was interrupted before it finished; nothing was imported.',
        createdAt: '2025-03-04T02:00:00Z',
      }),
      summary({
        id: 'u-ok',
        fileName: 'portal.csv',
        status: 'completed',
        rowsRead: 1_000,
        rowsAccepted: 990,
        rowsDuplicate: 8,
        rowsRejected: 2,
        createdAt: '2025-03-03T02:00:00Z',
      }),
    );
    mountApp(root, {
      api,
      locale: 'en',
      storage: null,
      pollIntervalMs: 0,
      uploadPollIntervalMs: 0,
    });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.history-table') !== null, 'the upload history');

    const [lost, ok] = rows();
    expect(lost?.slice(1)).toEqual([
      // The reason in the interface language (the catalogue's message for its problem code).
      '大厅取号 11月.csvThe upload was interrupted (the server stopped or lost its database). Nothing was stored; upload the file again.',
      'Failed — nothing kept',
      '0',
      '0',
      '0',
    ]);
    expect(ok?.slice(1)).toEqual(['portal.csv', 'Completed', '990', '8', '2']);
    const link = root.querySelector<HTMLAnchorElement>('tr[data-upload-id="u-ok"] a');
    expect(link?.getAttribute('href')).toBe('/api/v1/uploads/u-ok/rejected.csv?lang=en');

    // A new upload ends: the list asks the server again and shows it first.
    chooseFile(root, new File(['a,b\n'], 'hotline.csv', { type: 'text/csv' }));
    await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');
    select(root, '#mapping-caseId', 'application_no');
    click(root, '#upload-submit');
    await until(() => rows().length === 3, 'the new upload in the history');
    expect(rows()[0]?.[1]).toBe('hotline.csv');
    expect(rows()[0]?.[2]).toBe('Completed');
  });

  it('says so when there are none, in Chinese too', async () => {
    const api = fakeApi();
    mountApp(root, { api, locale: 'zh-CN', storage: null, pollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(
      () => root.querySelector('.upload-history .empty-state') !== null,
      'the empty history',
    );
    expect(root.querySelector('#history-heading')?.textContent).toBe('最近上传');
    expect(root.querySelector('.upload-history .empty-state')?.textContent).toBe('还没有上传。');
  });
});
