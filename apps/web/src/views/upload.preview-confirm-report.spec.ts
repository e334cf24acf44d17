/**
 * A clerk uploads a government export: onetrip looks at its start, suggests the columns (the
 * dataset's saved mapping first), the clerk confirms the rest, watches rows being read, can
 * cancel, and gets a report with every rejected row downloadable.
 */
import '../charts/testing/jsdom-polyfills';
import { ApiError } from '../api/client';
import { mountApp } from './app';
import { confirmDraft, initialDraft } from './upload';
import {
  chooseFile,
  click,
  fakeApi,
  previewDto,
  select,
  until,
  uploadReport,
  type FakeApi,
} from './testing/fake-api';

const UPLOAD_ID = '0b7e6f0c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';

async function openDataset(root: HTMLElement, api: FakeApi, locale: 'en' | 'zh-CN' = 'en') {
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

function text(root: HTMLElement, selector: string): string {
  return root.querySelector(selector)?.textContent ?? '';
}

describe('uploading an export: preview, confirm, progress, report', () => {
  let root: HTMLElement;

  beforeEach(() => {
    history.replaceState(null, '', '/');
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('previews the first 64 KiB, pre-fills the suggestion and uploads the confirmed mapping', async () => {
    const api = fakeApi();
    await openDataset(root, api);
    const big = new File(['x'.repeat(200_000)], '不动产登记.csv', { type: 'text/csv' });
    chooseFile(root, big);
    await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');
    expect(api.previews).toEqual([{ file: '不动产登记.csv', size: 200_000 }]);

    // What the server saw: format, encoding, separator and the sample with its headers.
    const facts = text(root, '.file-facts');
    expect(facts).toContain('CSV');
    expect(facts).toContain('Detected: UTF-8');
    expect(facts).toContain('comma');
    const headers = [...root.querySelectorAll('.sample-table th .column-name')].map(
      (th) => th.textContent,
    );
    expect(headers).toEqual(['application_no', 'activity', 'step_time', 'citizen_id', 'hall']);
    expect(root.querySelectorAll('.sample-table tbody tr')).toHaveLength(2);

    // Twelve fields, the three required ones marked; the suggestion is pre-filled.
    const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-field]')];
    expect(selects.map((s) => s.dataset.field)).toHaveLength(12);
    expect(
      selects.filter((s) => s.getAttribute('aria-required') === 'true').map((s) => s.id),
    ).toEqual(['mapping-caseId', 'mapping-activity', 'mapping-timestamp']);
    const value = (field: string) =>
      root.querySelector<HTMLSelectElement>(`#mapping-${field}`)?.value;
    expect([value('caseId'), value('activity'), value('timestamp'), value('location')]).toEqual([
      '',
      'activity',
      'step_time',
      'hall',
    ]);
    expect(text(root, '#mapping-timestamp-note')).toBe('Suggested');
    expect(text(root, '#mapping-caseId-note')).toBe('Required: choose the column');
    expect(text(root, '#mapping-citizen-note')).toContain('keyed hash');

    // Confirming with a required field missing says so and sends nothing.
    click(root, '#upload-submit');
    expect(text(root, '.confirm-error [role="alert"]')).toContain('required field');
    expect(api.uploads).toEqual([]);

    select(root, '#mapping-caseId', 'application_no');
    expect(text(root, '.sample-table th.mapped')).toContain('Case id');
    expect(root.querySelector('.confirm-error')?.childElementCount).toBe(0);
    select(root, '#mapping-location', '');
    click(root, '#upload-on-error-fail');
    click(root, '#upload-submit');
    await until(() => root.querySelector('[data-testid="upload-report"]') !== null, 'the report');
    expect(api.uploads).toEqual([
      {
        datasetId: 'd1',
        file: '不动产登记.csv',
        options: {
          mapping: {
            caseId: 'application_no',
            activity: 'activity',
            timestamp: 'step_time',
            citizen: 'citizen_id',
          },
          onError: 'fail',
          uploadId: UPLOAD_ID,
        },
      },
    ]);
    expect(root.querySelector('[data-testid="upload-preview"]')).toBeNull();
  });

  it('marks unmapped columns that look like identifiers as stored pseudonymized', async () => {
    const api = fakeApi();
    api.preview = previewDto({
      headers: ['application_no', 'activity', 'step_time', '身份证号', '手机号'],
      rows: [['BDC1', '受理', '2024-03-05 09:17:00', '11010519491231002X', '13800138000']],
      suggestedMapping: { caseId: 'application_no', activity: 'activity', timestamp: 'step_time' },
      identifierColumns: ['身份证号', '手机号'],
    });
    await openDataset(root, api);
    chooseFile(root, new File(['x'], 'export.csv', { type: 'text/csv' }));
    await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');
    const tags = () =>
      [...root.querySelectorAll('.sample-table th.pseudonymized .column-name')].map(
        (th) => th.textContent,
      );
    expect(tags()).toEqual(['身份证号', '手机号']);
    expect(text(root, '.sample-table th.pseudonymized .column-tag')).toBe(
      'Personal identifier: stored as a keyed hash',
    );
    // Mapped as the citizen, 身份证号 shows its field instead (and becomes the citizen key).
    select(root, '#mapping-citizen', '身份证号');
    expect(tags()).toEqual(['手机号']);
  });

  it('prefers the dataset’s saved mapping, and re-reads the file in another encoding', async () => {
    const api = fakeApi();
    api.preview = previewDto({
      savedMapping: { caseId: 'application_no', activity: 'activity', timestamp: 'step_time' },
      suggestedMapping: { timestamp: 'activity' },
    });
    await openDataset(root, api);
    chooseFile(root, new File(['a,b\n'], 'export.csv'));
    await until(() => root.querySelector('#mapping-caseId') !== null, 'the dialog');
    expect(root.querySelector<HTMLSelectElement>('#mapping-timestamp')?.value).toBe('step_time');
    expect(text(root, '#mapping-caseId-note')).toBe('As in the last upload');

    select(root, '#mapping-resource', 'hall');
    select(root, '#upload-encoding', 'gb18030');
    await until(() => api.previews.length === 2, 'the second preview');
    expect(api.previews[1]).toEqual({ file: 'export.csv', size: 4, encoding: 'gb18030' });
    await until(() => root.querySelector('#mapping-resource') !== null, 'the dialog again');
    // The user's own choice survives the re-read.
    expect(root.querySelector<HTMLSelectElement>('#mapping-resource')?.value).toBe('hall');
    const percent = root.querySelector<HTMLInputElement>('#upload-max-rejected');
    percent!.value = '1.5';
    percent!.dispatchEvent(new Event('input'));
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options).toMatchObject({
      encoding: 'gb18030',
      onError: 'skip',
      maxRejectedRatio: 0.015,
    });
  });

  it('shows rows read and rejected while the file is sent, then the report with the download', async () => {
    const api = fakeApi();
    api.holdUploads = true;
    await openDataset(root, api);
    chooseFile(root, new File(['a'], 'permits.csv'));
    await until(() => root.querySelector('#mapping-caseId') !== null, 'the dialog');
    select(root, '#mapping-caseId', 'application_no');
    click(root, '#upload-submit');
    await until(() => api.held !== null, 'the request');
    expect(text(root, '[data-testid="upload-rows"]')).toBe('Counting rows…');

    api.uploadPolls = [
      uploadReport('d1', 'permits.csv', {
        status: 'receiving',
        rowsRead: 40_000,
        rowsRejected: 12,
        rowsAccepted: 0,
      }),
    ];
    api.held?.progress(300, 1000);
    await until(() => text(root, '[data-testid="upload-rows"]').includes('40,000'), 'live rows');
    expect(text(root, '[data-testid="upload-rows"]')).toBe('40,000 rows read · 12 rejected');
    expect(root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('30');
    expect(text(root, '.cancel-row')).toContain('leaves the dataset exactly as it was');

    api.held?.resolve(
      uploadReport('d1', 'permits.csv', {
        id: UPLOAD_ID,
        rowsRead: 100_012,
        rowsAccepted: 90_000,
        rowsDuplicate: 10_000,
        rowsRejected: 12,
        rejected: [
          {
            line: 9,
            column: 'step_time',
            reason: 'unparseable timestamp "2024-02-30"',
            code: 'unparseable-timestamp',
            params: { value: '"2024-02-30"' },
            raw: 'BJ9,受理,2024-02-30',
          },
          // Stored before rejections had codes: the reason as stored, no original row.
          { line: 31, column: 'application_no', reason: 'missing case id' },
        ],
      }),
    );
    await until(() => root.querySelector('[data-testid="upload-report"]') !== null, 'the report');
    const figure = (name: string) => text(root, `[data-stat="${name}"] dd`);
    expect([figure('accepted'), figure('duplicates'), figure('rejected')]).toEqual([
      '90,000',
      '10,000',
      '12',
    ]);
    expect(text(root, '[data-stat="duplicates"]')).toContain('already in the dataset');
    const rows = [...root.querySelectorAll('.rejected-table tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual([
      '9step_timeunparseable timestamp "2024-02-30"BJ9,受理,2024-02-30',
      '31application_nomissing case id–',
    ]);
    const link = root.querySelector<HTMLAnchorElement>('[data-testid="rejected-csv"]');
    expect(link?.getAttribute('href')).toBe(`/api/v1/uploads/${UPLOAD_ID}/rejected.csv?lang=en`);
    expect(link?.hasAttribute('download')).toBe(true);
    expect(link?.textContent).toBe('Download all 12 rejected rows (CSV)');
    expect(text(root, '.report-actions')).toContain('and 10 more in the download');
  });

  it('cancels: aborts the request and says the dataset is unchanged', async () => {
    const api = fakeApi();
    api.holdUploads = true;
    await openDataset(root, api, 'zh-CN');
    chooseFile(root, new File(['a'], 'permits.csv'));
    await until(() => root.querySelector('#mapping-caseId') !== null, 'the dialog');
    select(root, '#mapping-caseId', 'application_no');
    click(root, '#upload-submit');
    await until(() => root.querySelector('#upload-cancel') !== null, 'the cancel button');
    api.uploadPolls = [
      uploadReport('d1', 'permits.csv', { status: 'failed', errorCode: 'upload.aborted' }),
    ];
    click(root, '#upload-cancel');
    await until(() => root.querySelector('[data-testid="upload-cancelled"]') !== null, 'cancelled');
    expect(api.held?.aborted).toBe(true);
    expect(text(root, '[data-testid="upload-cancelled"]')).toBe(
      '已取消上传 permits.csv。没有保存任何数据，数据集未改变。',
    );
    expect(root.querySelector('[data-testid="upload-report"]')).toBeNull();
  });

  it('explains a failed upload in words, with what was read and the rejected rows', async () => {
    const api = fakeApi();
    api.holdUploads = true;
    await openDataset(root, api, 'zh-CN');
    chooseFile(root, new File(['a'], 'permits.csv'));
    await until(() => root.querySelector('#mapping-caseId') !== null, 'the dialog');
    select(root, '#mapping-caseId', 'application_no');
    click(root, '#upload-submit');
    await until(() => api.held !== null, 'the request');
    api.uploadPolls = [
      uploadReport('d1', 'permits.csv', {
        id: UPLOAD_ID,
        status: 'failed',
        rowsRead: 100,
        rowsAccepted: 0,
        rowsRejected: 40,
        errorCode: 'upload.too-many-rejected',
      }),
    ];
    api.held?.reject(
      new ApiError({
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        code: 'upload.too-many-rejected',
        detail: '40 of 100 rows were rejected (more than 5%)',
        line: 9,
        column: 'timestamp',
      }),
    );
    await until(() => root.querySelector('.upload-status [role="alert"]') !== null, 'the error');
    expect(text(root, '.upload-status [role="alert"]')).toContain('无法读取的行太多');
    expect(text(root, '.upload-status [role="alert"]')).toContain('第 9 行，timestamp 列');
    expect(text(root, '.unchanged')).toBe('没有保存任何数据，数据集未改变。');
    expect(text(root, '[data-stat="rejected"] dd')).toBe('40');
    expect(text(root, '[data-stat="accepted"] dd')).toBe('0');
    expect(root.querySelector('[data-testid="rejected-csv"]')?.getAttribute('href')).toBe(
      `/api/v1/uploads/${UPLOAD_ID}/rejected.csv?lang=zh-CN`,
    );
  });
});

describe('the mapping draft', () => {
  it('lets XES keep its standard attributes for case, activity and time', () => {
    const preview = previewDto({
      format: 'xes',
      delimiter: null,
      headers: ['concept:name', 'time:timestamp', 'org:resource'],
      rows: [],
      suggestedMapping: { activity: 'concept:name', timestamp: 'time:timestamp' },
    });
    const draft = initialDraft(preview);
    expect(confirmDraft(draft, 'xes')).toEqual({
      mapping: { activity: 'concept:name', timestamp: 'time:timestamp' },
      onError: 'skip',
      maxRejectedRatio: 0.05,
    });
    expect(confirmDraft(draft, 'csv')).toBeInstanceOf(Error);
  });

  it('keeps a saved column only when this file has it', () => {
    const draft = initialDraft(
      previewDto({
        savedMapping: { caseId: 'case_id', activity: 'activity', timestamp: 'time' },
        suggestedMapping: { activity: 'activity', timestamp: 'step_time' },
      }),
    );
    expect([draft.mapping.caseId, draft.mapping.activity, draft.mapping.timestamp]).toEqual([
      '',
      'activity',
      'step_time',
    ]);
    expect(draft).toMatchObject({ encoding: null, onError: 'skip', maxRejectedPercent: '5' });
  });

  it('turns the percent into a ratio and refuses what is not a share', () => {
    const draft = initialDraft(
      previewDto({
        suggestedMapping: {
          caseId: 'application_no',
          activity: 'activity',
          timestamp: 'step_time',
        },
      }),
    );
    expect(confirmDraft({ ...draft, maxRejectedPercent: '0.1' })).toMatchObject({
      maxRejectedRatio: 0.001,
      onError: 'skip',
    });
    expect(confirmDraft({ ...draft, maxRejectedPercent: '120' })).toBeInstanceOf(Error);
    expect(confirmDraft({ ...draft, maxRejectedPercent: '' })).toBeInstanceOf(Error);
    expect(confirmDraft({ ...draft, onError: 'fail', maxRejectedPercent: '' })).toEqual({
      mapping: { caseId: 'application_no', activity: 'activity', timestamp: 'step_time' },
      onError: 'fail',
    });
  });
});
