/**
 * An analyst deletes a wrong upload from the dataset's history: the row asks to confirm (naming
 * the file and the events it added), the upload goes from the server and from the list, the
 * dataset's counts are asked for again, and a refusal (another upload still being read) is said
 * in the interface language without losing the row.
 */
import '../charts/testing/jsdom-polyfills';
import { ApiError } from '../api/client';
import { mountApp } from './app';
import { click, fakeApi, until, uploadReport } from './testing/fake-api';

function summary(patch: Parameters<typeof uploadReport>[2]) {
  const { rejected: _rejected, ...rest } = uploadReport('d1', 'x.csv', patch);
  return rest;
}

describe('deleting an upload from the history', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  async function open(locale: 'en' | 'zh-CN') {
    const api = fakeApi();
    api.history.push(
      summary({
        id: 'u-new',
        fileName: '错误导出.csv',
        rowsAccepted: 1_200,
        createdAt: '2025-03-05T02:00:00Z',
      }),
      summary({
        id: 'u-old',
        fileName: 'portal.csv',
        rowsAccepted: 990,
        createdAt: '2025-03-03T02:00:00Z',
      }),
    );
    let listed = 0;
    const listDatasets = api.listDatasets;
    api.listDatasets = () => {
      listed++;
      return listDatasets();
    };
    mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    await until(() => root.querySelector('.history-table') !== null, 'the upload history');
    return { api, listed: () => listed };
  }

  const ids = (): string[] =>
    [...root.querySelectorAll('.history-table tbody tr')].map(
      (tr) => tr.getAttribute('data-upload-id') ?? '',
    );

  it('asks to confirm, then deletes the upload and asks for the dataset again', async () => {
    const { api, listed } = await open('en');
    click(root, '[data-upload-delete="u-new"]');
    const confirm = root.querySelector('tr[data-upload-id="u-new"] .upload-delete-confirm');
    expect(confirm?.querySelector('p')?.textContent).toBe(
      'Delete 错误导出.csv and the 1,200 events it added? When events go, the analyses of this dataset go too and must be run again; rows a later upload repeated were stored with this one and go with it.',
    );
    expect(api.deletedUploads).toEqual([]);
    const before = listed();
    click(root, '[data-upload-delete-confirm="u-new"]');
    await until(() => !ids().includes('u-new'), 'the row gone');
    expect(api.deletedUploads).toEqual(['u-new']);
    expect(ids()).toEqual(['u-old']);
    await until(() => listed() > before, 'the datasets asked for again');
  });

  it('keeps the upload when the confirmation is declined', async () => {
    const { api } = await open('en');
    click(root, '[data-upload-delete="u-old"]');
    click(root, 'tr[data-upload-id="u-old"] .upload-delete-confirm button:not(.button-danger)');
    expect(root.querySelector('.upload-delete-confirm')).toBeNull();
    expect(api.deletedUploads).toEqual([]);
    expect(ids()).toEqual(['u-new', 'u-old']);
  });

  it('says in Chinese why the server refused, and keeps the row', async () => {
    const { api } = await open('zh-CN');
    api.deleteRefusal = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'upload.receiving',
    });
    click(root, '[data-upload-delete="u-old"]');
    click(root, '[data-upload-delete-confirm="u-old"]');
    await until(
      () => root.querySelector('tr[data-upload-id="u-old"] [role="alert"]') !== null,
      'the refusal',
    );
    expect(root.querySelector('tr[data-upload-id="u-old"] [role="alert"]')?.textContent).toContain(
      '该数据集还有上传正在读取。请等待其完成（或取消）后再删除这次上传。',
    );
    expect(ids()).toEqual(['u-new', 'u-old']);
  });
});
