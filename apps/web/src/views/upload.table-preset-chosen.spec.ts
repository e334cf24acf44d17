/**
 * Issue 12: the upload dialog offers the table presets (GB/T 39046 case, process and special-
 * procedure tables, 12345 work orders, and the hall queue export), preselects the one the preview
 * recognised, says what a row becomes, and sends the choice as the upload's layout; with a
 * preset, no case / activity / time column needs mapping.
 */
import '../charts/testing/jsdom-polyfills';
import type { UploadPreviewDto } from '@onetrip/contracts';
import { mountApp } from './app';
import { chooseFile, click, fakeApi, previewDto, select, until } from './testing/fake-api';

const CASES: UploadPreviewDto = previewDto({
  headers: ['办件编号', '事项名称', '申报来源', '申请时间', '受理时间', '办结时间'],
  rows: [
    ['B1', '居住证办理', '1', '2025-08-11 09:27:19', '', '2025-08-25 11:28:40'],
    ['B2', '营业执照办理', '3', '2025-08-20 19:06:12', '2025-08-21 12:02:11', ''],
  ],
  suggestedMapping: { caseId: '办件编号', service: '事项名称', channel: '申报来源' },
  identifierColumns: [],
  suggestedChannelRoles: { 申报来源: { '1': 'in-person', '3': 'online' } },
  suggestedLayout: 'gbt-case',
});

const EVENTS: UploadPreviewDto = previewDto({ identifierColumns: [] });

const TICKETS: UploadPreviewDto = previewDto({
  headers: ['票号', '办件编号', '取号时间', '叫号时间', '完成时间', '窗口'],
  rows: [['A1', 'B1', '2024-03-04 09:00:00', '2024-03-04 09:10:00', '2024-03-04 09:20:00', 'W1']],
  suggestedMapping: { caseId: '办件编号' },
  identifierColumns: [],
  suggestedQueueActivities: { '': { ticket: ['取号'], call: ['叫号'], abandon: [] } },
  suggestedLayout: 'ticket-rows',
});

async function openDialog(locale: 'en' | 'zh-CN', preview: UploadPreviewDto) {
  history.replaceState(null, '', '/');
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const api = fakeApi();
  api.preview = preview;
  mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
  await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
  click(root, '[data-dataset-id="d1"]');
  chooseFile(root, new File(['x'], 'tables.csv', { type: 'text/csv' }));
  await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');
  const preset = () => root.querySelector<HTMLSelectElement>('#upload-preset');
  const rowsText = () => root.querySelector('#upload-preset-rows')?.textContent ?? '';
  return { root, api, preset, rowsText };
}

describe('the table preset in the upload dialog', () => {
  it.each([
    [
      'en',
      'GB/T 39046 case table (办件)',
      'Recognised from the column names.',
      'application (申请)',
    ],
    ['zh-CN', 'GB/T 39046 办件表', '已根据列名识别。', '每行拆成申请、受理、办结三个事件'],
  ] as const)(
    'preselects the recognised case table and sends it with 申报来源’s roles (%s)',
    async (locale, label, detected, rows) => {
      const { root, api, preset, rowsText } = await openDialog(locale, CASES);
      expect(preset()?.value).toBe('gbt-case');
      expect(preset()?.selectedOptions[0]?.textContent).toBe(label);
      expect(root.querySelector('.preset-detected')?.textContent).toBe(detected);
      expect(rowsText()).toContain(rows);
      // Every table the presets know is offered, and the plain event log.
      expect([...(preset()?.options ?? [])].map((o) => o.value)).toEqual([
        'events',
        'ticket-rows',
        'gbt-case',
        'gbt-process',
        'gbt-special-procedure',
        'work-order-12345',
      ]);
      // The GB/T codes of 申报来源 are the channel values whose roles the clerk confirms.
      expect(
        [...root.querySelectorAll<HTMLSelectElement>('[data-channel]')].map((s) => [
          s.dataset.channel,
          s.value,
        ]),
      ).toEqual([
        ['1', 'in-person'],
        ['3', 'online'],
      ]);
      click(root, '#upload-submit');
      await until(() => api.uploads.length === 1, 'the upload');
      expect(api.uploads[0].options).toMatchObject({
        layout: 'gbt-case',
        channelRoles: { '1': 'in-person', '3': 'online' },
      });
    },
  );

  it('sends a preset chosen by hand; back to an event log, the case, activity and time are required again', async () => {
    const { root, api, preset, rowsText } = await openDialog('en', EVENTS);
    expect(preset()?.value).toBe('events');
    expect(root.querySelector('.preset-detected')).toBeNull();
    expect(rowsText()).toBe('Map the case, activity and time columns below.');
    select(root, '#upload-preset', 'gbt-process');
    expect(rowsText()).toContain('a 退回 adds a return');
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options.layout).toBe('gbt-process');

    const again = await openDialog('en', EVENTS);
    select(again.root, '#upload-preset', 'work-order-12345');
    select(again.root, '#upload-preset', 'events');
    click(again.root, '#upload-submit');
    await until(
      () => (again.root.querySelector('.confirm-error')?.textContent ?? '') !== '',
      'the required-field error',
    );
    expect(again.api.uploads).toHaveLength(0);
  });

  it('shows the queue export as one of the presets, in step with the one-row-per-ticket switch', async () => {
    const { root, api, preset } = await openDialog('zh-CN', TICKETS);
    expect(preset()?.value).toBe('ticket-rows');
    const box = root.querySelector<HTMLInputElement>('#upload-ticket-rows')!;
    expect(box.checked).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    expect(preset()?.value).toBe('events');
    select(root, '#upload-preset', 'ticket-rows');
    expect(box.checked).toBe(true);
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options.layout).toBe('ticket-rows');
  });

  it('is not offered for an NDJSON or XES file', async () => {
    const { preset } = await openDialog('en', { ...EVENTS, format: 'ndjson', delimiter: null });
    expect(preset()).toBeNull();
  });
});
