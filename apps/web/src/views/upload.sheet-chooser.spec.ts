/**
 * A clerk drops an Excel workbook whose first sheet is notes: the dialog says which sheet it
 * describes, offers the others, previews the one chosen (its own columns and suggestion), and
 * uploads that sheet. A workbook of one sheet, or a CSV, shows no chooser.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import {
  chooseFile,
  click,
  fakeApi,
  previewDto,
  select,
  until,
  type FakeApi,
} from './testing/fake-api';

const UPLOAD_ID = '0b7e6f0c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';

async function openDataset(root: HTMLElement, api: FakeApi, locale: 'en' | 'zh-CN') {
  mountApp(root, {
    api,
    locale,
    storage: null,
    pollIntervalMs: 0,
    uploadPollIntervalMs: 0,
    newId: () => UPLOAD_ID,
  });
  await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
  click(root, '[data-dataset-id="d1"]');
}

const workbook = (sheet: string, headers: string[]) =>
  previewDto({
    format: 'xlsx',
    delimiter: null,
    sheets: ['说明', '办件', '汇总'],
    sheet,
    headers,
    rows: [headers.map((h) => `${h}-1`)],
    suggestedMapping: { caseId: headers[0], activity: headers[1], timestamp: headers[2] },
    identifierColumns: [],
    suggestedChannelRoles: {},
  });

describe('the sheet chooser of the upload dialog', () => {
  let root: HTMLElement;
  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('previews the sheet chosen and uploads it', async () => {
    const api = fakeApi();
    api.preview = workbook('办件', ['办件编号', '环节名称', '办理时间']);
    await openDataset(root, api, 'zh-CN');
    const file = new File([new Uint8Array(200_000)], '导出.xlsx');
    chooseFile(root, file);
    await until(() => root.querySelector('[data-testid="upload-sheet"]') !== null, 'the chooser');
    const chooser = root.querySelector<HTMLSelectElement>('#upload-sheet');
    expect([...(chooser?.options ?? [])].map((o) => o.value)).toEqual(['说明', '办件', '汇总']);
    expect(chooser?.value).toBe('办件');
    expect(root.querySelector('label[for="upload-sheet"]')?.textContent).toBe('工作表');
    // The whole workbook goes to the preview (its zip directory is at the end).
    expect(api.previews).toEqual([{ file: '导出.xlsx', size: 200_000 }]);

    api.preview = workbook('汇总', ['编号', '事项', '时间']);
    select(root, '#upload-sheet', '汇总');
    await until(
      () => root.querySelector<HTMLSelectElement>('#upload-sheet')?.value === '汇总',
      'the other sheet',
    );
    expect(api.previews.at(-1)).toEqual({ file: '导出.xlsx', size: 200_000, sheet: '汇总' });
    const headers = [...root.querySelectorAll('.sample-table th .column-name')].map(
      (th) => th.textContent,
    );
    expect(headers).toEqual(['编号', '事项', '时间']);
    expect(root.querySelector<HTMLSelectElement>('#mapping-caseId')?.value).toBe('编号');

    click(root, '#upload-submit');
    await until(() => api.uploads.length > 0, 'the upload');
    expect(api.uploads[0]?.options).toMatchObject({
      sheet: '汇总',
      mapping: { caseId: '编号', activity: '事项', timestamp: '时间' },
    });
  });

  it('shows no chooser for a workbook of one sheet or a CSV', async () => {
    const api = fakeApi();
    api.preview = { ...workbook('办件', ['a', 'b', 'c']), sheets: ['办件'] };
    await openDataset(root, api, 'en');
    chooseFile(root, new File(['x'], 'one.xlsx'));
    await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');
    expect(root.querySelector('#upload-sheet')).toBeNull();
    expect(root.querySelector('.file-facts')?.textContent).toContain('XLSX');
  });
});
