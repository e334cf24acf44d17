/**
 * Issue 16: the preview shows per-column statistics and warns, before anything is stored, when
 * the mapping is implausible (a case id with a handful of values, a start after the completion on
 * most rows, a time column that holds no times). The warnings follow the user's changes.
 */
import '../charts/testing/jsdom-polyfills';
import type { ColumnStats } from '@onetrip/contracts';
import { mountApp } from './app';
import { mappingWarnings } from './mapping-sanity';
import { chooseFile, click, fakeApi, previewDto, select, until } from './testing/fake-api';

const T0 = Date.UTC(2024, 2, 1, 9);
const HOUR = 3_600_000;
// 20 sample rows: caseStatus has 2 values, case_id 20; start is a case-level date a day after
// every completion.
const rows = Array.from({ length: 20 }, (_, i) => [
  i % 2 === 0 ? 'G' : 'O',
  `C${i}`,
  '受理',
  `2024-03-01 ${String(9 + (i % 8)).padStart(2, '0')}:00`,
  '2024-03-02 00:00',
]);
const stats: ColumnStats[] = [
  { column: 'caseStatus', distinct: 2, emptyShare: 0, timestampShare: 0 },
  { column: 'case_id', distinct: 20, emptyShare: 0, timestampShare: 0 },
  { column: 'activity', distinct: 1, emptyShare: 0, timestampShare: 0 },
  {
    column: 'time',
    distinct: 8,
    emptyShare: 0,
    timestampShare: 1,
    times: rows.map((_, i) => T0 + (i % 8) * HOUR),
  },
  {
    column: 'startDate',
    distinct: 1,
    emptyShare: 0,
    timestampShare: 1,
    times: rows.map(() => T0 + 15 * HOUR),
  },
];
const preview = previewDto({
  headers: ['caseStatus', 'case_id', 'activity', 'time', 'startDate'],
  rows,
  columnStats: stats,
  suggestedMapping: {
    caseId: 'caseStatus',
    activity: 'activity',
    timestamp: 'time',
    startTimestamp: 'startDate',
  },
  identifierColumns: [],
  suggestedChannelRoles: {},
});

describe('an implausible mapping is warned about before storing', () => {
  it('names each problem with its numbers', () => {
    expect(
      mappingWarnings(preview, {
        caseId: 'caseStatus',
        activity: 'activity',
        timestamp: 'time',
        startTimestamp: 'startDate',
      }),
    ).toEqual([
      {
        key: 'upload.warn.caseFewValues',
        params: { column: 'caseStatus', distinct: 2, rows: 20 },
      },
      {
        key: 'upload.warn.startAfterComplete',
        params: { start: 'startDate', column: 'time', percent: 100 },
      },
    ]);
    expect(mappingWarnings(preview, { caseId: 'case_id', timestamp: 'activity' })).toEqual([
      { key: 'upload.warn.timestampUnreadable', params: { column: 'activity', percent: 100 } },
    ]);
    expect(mappingWarnings(preview, { caseId: 'case_id', timestamp: 'time' })).toEqual([]);
  });

  it('shows the statistics and the warnings in the dialog, and clears them as the user fixes the mapping', async () => {
    history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const api = fakeApi();
    api.preview = preview;
    mountApp(root, {
      api,
      locale: 'zh-CN',
      storage: null,
      pollIntervalMs: 0,
      uploadPollIntervalMs: 0,
    });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    chooseFile(root, new File(['x'], 'BPIC-like.csv', { type: 'text/csv' }));
    await until(() => root.querySelector('[data-testid="upload-preview"]') !== null, 'the dialog');

    const statsRow = root.querySelector('[data-testid="column-stats"] [data-column="caseStatus"]');
    expect(statsRow?.textContent).toBe('caseStatus20%0%');
    expect(root.querySelector('[data-testid="column-stats"] summary')?.textContent).toBe(
      '列统计（基于 20 行样本）',
    );
    const warned = () =>
      [...root.querySelectorAll('[data-testid="mapping-warnings"] li')].map((li) =>
        li.getAttribute('data-warning'),
      );
    expect(warned()).toEqual(['upload.warn.caseFewValues', 'upload.warn.startAfterComplete']);
    expect(root.querySelector('[data-testid="mapping-warnings"]')?.textContent).toContain(
      '案例 ID 列“caseStatus”在 20 行样本中只有 2 个不同的值',
    );

    select(root, '[data-field="caseId"]', 'case_id');
    expect(warned()).toEqual(['upload.warn.startAfterComplete']);
    select(root, '[data-field="startTimestamp"]', '');
    expect(root.querySelector('[data-testid="mapping-warnings"]')).toBeNull();
  });
});
