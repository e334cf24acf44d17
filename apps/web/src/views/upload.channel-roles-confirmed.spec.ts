/**
 * Issue 16: a clerk whose export says 大厅 / 网上 / 后台 in its channel column sees which of them
 * onetrip takes for in-person visits (only those count as trips), corrects one, and the upload
 * carries the confirmed roles.
 */
import '../charts/testing/jsdom-polyfills';
import { mountApp } from './app';
import { channelRolesFor, confirmDraft, initialDraft } from './upload';
import { chooseFile, click, fakeApi, previewDto, select, until } from './testing/fake-api';

const PREVIEW = previewDto({
  headers: ['办件编号', '环节名称', '办理时间', '渠道'],
  rows: [
    ['BJ1', '受理', '2024-03-04 09:00:00', '大厅'],
    ['BJ1', '审核', '2024-03-04 10:00:00', '后台'],
    ['BJ2', '申请', '2024-03-04 09:00:00', '网上'],
  ],
  suggestedMapping: {
    caseId: '办件编号',
    activity: '环节名称',
    timestamp: '办理时间',
    channel: '渠道',
  },
  identifierColumns: [],
  suggestedChannelRoles: {
    渠道: { 大厅: 'in-person', 后台: 'back-office', 网上: 'online' },
    环节名称: { 受理: 'other', 审核: 'other', 申请: 'other' },
  },
});

describe('channel roles in the upload dialog', () => {
  it('are the roles of the mapped channel column: chosen, else saved, else suggested', () => {
    const draft = initialDraft({
      ...PREVIEW,
      savedChannelRoles: { 后台: 'other', 柜台: 'in-person' },
    });
    expect(channelRolesFor(PREVIEW, draft)).toEqual({
      大厅: 'in-person',
      后台: 'back-office',
      网上: 'online',
    });
    const saved = {
      ...PREVIEW,
      savedChannelRoles: { 后台: 'other' as const, 柜台: 'in-person' as const },
    };
    expect(channelRolesFor(saved, { ...draft, channelRoles: { 大厅: 'phone' } })).toEqual({
      大厅: 'phone',
      后台: 'other',
      网上: 'online',
    });
    // Saved roles of values outside this sample are sent back unchanged.
    expect(confirmDraft(draft, 'csv', saved)).toMatchObject({
      channelRoles: { 大厅: 'in-person', 后台: 'other', 网上: 'online', 柜台: 'in-person' },
    });
    const unmapped = { ...draft, mapping: { ...draft.mapping, channel: '' } };
    expect(channelRolesFor(PREVIEW, unmapped)).toEqual({});
    expect(confirmDraft(unmapped, 'csv', PREVIEW)).not.toHaveProperty('channelRoles');
  });

  it.each(['en', 'zh-CN'] as const)('are shown, changed and uploaded (%s)', async (locale) => {
    history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const api = fakeApi();
    api.preview = PREVIEW;
    mountApp(root, { api, locale, storage: null, pollIntervalMs: 0, uploadPollIntervalMs: 0 });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    chooseFile(root, new File(['x'], '办件导出.csv', { type: 'text/csv' }));
    await until(() => root.querySelector('[data-testid="channel-roles"]') !== null, 'the dialog');

    const roles = (): Record<string, string> =>
      Object.fromEntries(
        [...root.querySelectorAll<HTMLSelectElement>('[data-testid="channel-roles"] select')].map(
          (s): [string, string] => [s.dataset.channel ?? '', s.value],
        ),
      );
    expect(roles()).toEqual({ 大厅: 'in-person', 后台: 'back-office', 网上: 'online' });
    const label = root.querySelector('[data-channel="大厅"] option:checked')?.textContent;
    expect(label).toBe(locale === 'en' ? 'In person' : '现场（大厅、窗口）');

    const id = root.querySelector<HTMLSelectElement>('[data-channel="网上"]')?.id ?? '';
    select(root, `#${id}`, 'in-person');
    click(root, '#upload-submit');
    await until(() => api.uploads.length === 1, 'the upload');
    expect(api.uploads[0].options.channelRoles).toEqual({
      大厅: 'in-person',
      后台: 'back-office',
      网上: 'in-person',
    });
  });

  it('ask for a channel column when none is mapped', async () => {
    history.replaceState(null, '', '/');
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const api = fakeApi();
    api.preview = {
      ...PREVIEW,
      suggestedMapping: { ...PREVIEW.suggestedMapping, channel: undefined },
    };
    mountApp(root, {
      api,
      locale: 'en',
      storage: null,
      pollIntervalMs: 0,
      uploadPollIntervalMs: 0,
    });
    await until(() => root.querySelector('[data-dataset-id="d1"]') !== null, 'the dataset list');
    click(root, '[data-dataset-id="d1"]');
    chooseFile(root, new File(['x'], 'export.csv', { type: 'text/csv' }));
    await until(() => root.querySelector('[data-testid="channel-roles"]') !== null, 'the dialog');
    expect(root.querySelector('[data-testid="channel-roles"]')?.textContent).toContain(
      'Map a channel column',
    );
    select(root, '#mapping-channel', '渠道');
    await until(
      () => root.querySelectorAll('[data-testid="channel-roles"] select').length === 3,
      'the roles of 渠道',
    );
  });
});
