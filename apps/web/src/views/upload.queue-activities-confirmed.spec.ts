/**
 * Issue 15: the upload dialog shows which activities it takes for the hall queue's ticket, call
 * and abandonment (suggested from the activity column, else saved), lets the clerk correct them,
 * and offers the one-row-per-ticket layout when the headers are those of a queue export. The
 * dataset's lists can be changed later beside the run button (PATCH).
 */
import '../charts/testing/jsdom-polyfills';
import type { UploadPreviewDto } from '@onetrip/contracts';
import { mountApp } from './app';
import { queueNames } from './queue-activities';
import { confirmDraft, initialDraft } from './upload';
import {
  chooseFile,
  click,
  fakeApi,
  previewDto,
  select,
  typeInto,
  until,
} from './testing/fake-api';

const EVENTS = previewDto({
  headers: ['票号', '环节', '时间', '备注'],
  rows: [
    ['A001', '取号', '2024-03-04 09:00:00', '过号'],
    ['A001', '叫号', '2024-03-04 09:10:00', ''],
    ['A002', '取号', '2024-03-04 09:05:00', ''],
    ['A002', '过号', '2024-03-04 09:30:00', ''],
  ],
  suggestedMapping: { caseId: '票号', activity: '环节', timestamp: '时间' },
  identifierColumns: [],
  suggestedQueueActivities: {
    环节: { ticket: ['取号'], call: ['叫号'], abandon: ['过号'] },
  },
});

const TICKET_ROWS: UploadPreviewDto = previewDto({
  headers: ['票号', '取号时间', '叫号时间', '完成时间', '窗口'],
  rows: [['A001', '2024-03-04 09:00:00', '2024-03-04 09:10:00', '2024-03-04 09:20:00', 'W1']],
  suggestedMapping: { caseId: '票号', timestamp: '取号时间' },
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
  chooseFile(root, new File(['x'], '排队.csv', { type: 'text/csv' }));
  await until(() => root.querySelector('[data-testid="queue-activities"]') !== null, 'the dialog');
  const lists = () =>
    Object.fromEntries(
      [
        ...root.querySelectorAll<HTMLInputElement>(
          '[data-testid="queue-activities"] input[type=text]',
        ),
      ].map((i): [string, string] => [i.dataset.queue ?? '', i.value]),
    );
  return { root, api, lists };
}

describe('queue activities in the upload dialog', () => {
  it('split typed lists on commas, 、 and new lines', () => {
    expect(queueNames(' 取号, 排队取号、Take ticket\n取号 ,')).toEqual([
      '取号',
      '排队取号',
      'Take ticket',
    ]);
  });

  it('are the suggestion for the mapped activity column, else the saved ones; half a queue is refused', () => {
    const draft = initialDraft(EVENTS);
    expect(confirmDraft(draft, 'csv', EVENTS)).toMatchObject({
      queueActivities: { ticket: ['取号'], call: ['叫号'], abandon: ['过号'] },
    });
    expect(confirmDraft(draft, 'csv', EVENTS)).not.toHaveProperty('layout');
    const saved = { ...EVENTS, savedQueueActivities: { ticket: ['T'], call: ['C'], abandon: [] } };
    expect(confirmDraft(draft, 'csv', saved)).toMatchObject({
      queueActivities: { ticket: ['T'], call: ['C'], abandon: [] },
    });
    const none = { ...draft, mapping: { ...draft.mapping, activity: '备注' } };
    expect(confirmDraft(none, 'csv', EVENTS)).not.toHaveProperty('queueActivities');
    const half = {
      ...draft,
      queueActivities: { ticket: '取号', call: '', abandon: '过号', ticketNumber: '' },
    };
    expect(confirmDraft(half, 'csv', EVENTS)).toMatchObject({ key: 'queue.incomplete' });
  });

  it.each(['en', 'zh-CN'] as const)('are shown, corrected and uploaded (%s)', async (locale) => {
    const { root, api, lists } = await openDialog(locale, EVENTS);
    expect(lists()).toEqual({ ticket: '取号', call: '叫号', abandon: '过号' });
    expect(root.querySelector('#upload-ticket-rows')).toBeNull();
    const label = root.querySelector('label[for="upload-queue-abandon"]')?.textContent;
    expect(label).toBe(locale === 'en' ? 'Closed uncalled' : '未叫号结束');
    typeInto(root, '#upload-queue-abandon', '过号、闭厅未叫号');
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options.queueActivities).toEqual({
      ticket: ['取号'],
      call: ['叫号'],
      abandon: ['过号', '闭厅未叫号'],
    });
  });

  it('follow the column mapped as the activity', async () => {
    const { root, lists } = await openDialog('en', EVENTS);
    select(root, '#mapping-activity', '备注');
    await until(() => lists().ticket === '', 'the lists of 备注 (none)');
    select(root, '#mapping-activity', '环节');
    await until(() => lists().ticket === '取号', 'the lists of 环节');
  });

  it('offer one row per ticket for a queue export, which needs no activity column', async () => {
    const { root, api, lists } = await openDialog('zh-CN', TICKET_ROWS);
    const box = root.querySelector<HTMLInputElement>('#upload-ticket-rows');
    expect(box?.checked).toBe(true);
    expect(lists()).toEqual({ ticket: '取号', call: '叫号', abandon: '' });
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options).toMatchObject({
      layout: 'ticket-rows',
      queueActivities: { ticket: ['取号'], call: ['叫号'], abandon: [] },
    });

    // Unticked, it is an event log again: the activity column is required.
    const again = await openDialog('en', TICKET_ROWS);
    const unticked = again.root.querySelector<HTMLInputElement>('#upload-ticket-rows')!;
    unticked.checked = false;
    unticked.dispatchEvent(new Event('change'));
    click(again.root, '#upload-submit');
    await until(
      () => again.root.querySelector('.confirm-error')?.textContent !== '',
      'the required-field error',
    );
    expect(again.api.uploads).toHaveLength(0);
  });
});

describe('the ticket-number column in the upload dialog', () => {
  const WITH_NUMBER = previewDto({
    headers: ['办件编号', '票号', '环节', '时间'],
    rows: [['BJ1', 'A001', '取号', '2024-03-04 09:00:00']],
    suggestedMapping: { caseId: '办件编号', activity: '环节', timestamp: '时间' },
    identifierColumns: [],
    suggestedQueueActivities: {
      环节: { ticket: ['取号'], call: ['叫号'], abandon: [], ticketNumber: '票号' },
    },
  });

  it('is suggested, sent with the activities, and dropped when it is the case id', async () => {
    const { root, api } = await openDialog('zh-CN', WITH_NUMBER);
    const number = root.querySelector<HTMLSelectElement>('#upload-queue-ticketNumber');
    expect(number?.value).toBe('票号');
    expect(root.querySelector('label[for="upload-queue-ticketNumber"]')?.textContent).toBe(
      '票号列',
    );
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options.queueActivities).toEqual({
      ticket: ['取号'],
      call: ['叫号'],
      abandon: [],
      ticketNumber: '票号',
    });

    const again = await openDialog('en', WITH_NUMBER);
    select(again.root, '#upload-queue-ticketNumber', '办件编号');
    click(again.root, '#upload-submit');
    await until(() => again.api.uploads.length === 1, 'the upload');
    expect(again.api.uploads[0].options.queueActivities).not.toHaveProperty('ticketNumber');
  });
});

describe('queue activities changed after the upload', () => {
  it.each(['en', 'zh-CN'] as const)(
    'are saved with PATCH, and can be cleared (%s)',
    async (locale) => {
      history.replaceState(null, '', '/');
      const root = document.createElement('div');
      document.body.replaceChildren(root);
      const api = fakeApi();
      await api.updateDataset('d1', {
        queueActivities: { ticket: ['取号'], call: ['叫号'], abandon: [] },
      });
      api.updates = [];
      mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
      await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
      click(root, '[data-dataset-id="d1"]');
      await until(
        () => root.querySelector('[data-testid="dataset-queue-activities"]') !== null,
        'the editor',
      );
      expect(root.querySelector<HTMLInputElement>('#dataset-queue-call')?.value).toBe('叫号');
      typeInto(root, '#dataset-queue-call', '叫号, 窗口叫号');
      // A redraw before saving (here: the other language) keeps what was typed.
      select(root, '#locale-select', locale === 'en' ? 'zh-CN' : 'en');
      const other = locale === 'en' ? '叫号' : 'Called to a window';
      await until(
        () => root.querySelector('label[for="dataset-queue-call"]')?.textContent === other,
        'the redraw',
      );
      expect(root.querySelector<HTMLInputElement>('#dataset-queue-call')?.value).toBe(
        '叫号, 窗口叫号',
      );
      click(root, '#queue-activities-save');
      await until(() => api.updates.length === 1, 'the PATCH');
      expect(api.updates[0]).toEqual({
        datasetId: 'd1',
        body: { queueActivities: { ticket: ['取号'], call: ['叫号', '窗口叫号'], abandon: [] } },
      });
      await until(
        () =>
          root.querySelector<HTMLInputElement>('#dataset-queue-call')?.value === '叫号, 窗口叫号',
        'the saved lists shown',
      );

      for (const role of ['ticket', 'call'] as const) typeInto(root, `#dataset-queue-${role}`, '');
      click(root, '#queue-activities-save');
      await until(() => api.updates.length === 2, 'the clearing PATCH');
      expect(api.updates[1].body).toEqual({ queueActivities: null });
    },
  );
});
