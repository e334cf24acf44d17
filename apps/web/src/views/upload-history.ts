import type { UploadSummaryDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el, replaceContent } from './dom';
import { errorBox } from './errors';

export interface UploadHistory {
  readonly root: HTMLElement;
  /** Draws the list in the given language. */
  render(tr: Translator): void;
  /** Asks the server again (after an upload finished or failed). */
  refresh(): Promise<void>;
}

const STATUS: Record<UploadSummaryDto['status'], MessageKey> = {
  receiving: 'history.status.receiving',
  completed: 'history.status.completed',
  failed: 'history.status.failed',
};

/** Uploads listed: enough to see yesterday's imports and the one that failed. */
export const HISTORY_LIMIT = 10;

/**
 * A dataset's recent uploads, newest first: when, which file, how it ended, rows added,
 * duplicates skipped and rejected (with the download of every rejected row). It also shows, after
 * a page reload, how an upload that was running ended — an interrupted one as failed.
 */
export function createUploadHistory(api: ApiClient, datasetId: string): UploadHistory {
  const root = el('section', {
    class: 'upload-history',
    'aria-labelledby': 'history-heading',
    'data-testid': 'upload-history',
  });
  let tr: Translator | null = null;
  let items: UploadSummaryDto[] = [];
  let loading = true;
  let error: unknown = null;

  async function refresh(): Promise<void> {
    try {
      items = await api.listUploads(datasetId, HISTORY_LIMIT);
      error = null;
    } catch (e) {
      error = e;
    }
    loading = false;
    if (tr) draw(tr);
  }

  function row(t: Translator, u: UploadSummaryDto): HTMLElement {
    const failed = u.status === 'failed';
    return el(
      'tr',
      { 'data-upload-id': u.id, class: failed ? 'failed' : '' },
      el('td', {}, t.dateTime(u.createdAt)),
      el(
        'td',
        { class: 'file-name' },
        u.fileName,
        failed && u.error ? el('p', { class: 'history-error' }, u.error) : null,
      ),
      el('td', { 'data-status': u.status }, t.t(STATUS[u.status])),
      el('td', { class: 'num' }, t.number(failed ? 0 : u.rowsAccepted)),
      el('td', { class: 'num' }, t.number(u.rowsDuplicate)),
      el(
        'td',
        { class: 'num' },
        u.rowsRejected > 0
          ? el(
              'a',
              {
                href: api.rejectedCsvUrl(u.id),
                download: '',
                title: t.t('upload.downloadRejected', { count: t.number(u.rowsRejected) }),
              },
              t.number(u.rowsRejected),
            )
          : t.number(0),
      ),
    );
  }

  function draw(t: Translator): void {
    const heading = el('h3', { id: 'history-heading' }, t.t('history.title'));
    if (loading) {
      replaceContent(root, heading, el('p', { class: 'muted' }, t.t('history.loading')));
      return;
    }
    if (error) {
      replaceContent(root, heading, errorBox(error, t));
      return;
    }
    if (items.length === 0) {
      replaceContent(root, heading, el('p', { class: 'muted empty-state' }, t.t('history.empty')));
      return;
    }
    replaceContent(
      root,
      heading,
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { class: 'history-table' },
          el('caption', { class: 'visually-hidden' }, t.t('history.title')),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, t.t('history.when')),
              el('th', { scope: 'col' }, t.t('upload.file')),
              el('th', { scope: 'col' }, t.t('history.status')),
              el('th', { scope: 'col', class: 'num' }, t.t('upload.accepted')),
              el('th', { scope: 'col', class: 'num' }, t.t('upload.duplicates')),
              el('th', { scope: 'col', class: 'num' }, t.t('upload.rejected')),
            ),
          ),
          el(
            'tbody',
            {},
            items.map((u) => row(t, u)),
          ),
        ),
      ),
    );
  }

  void refresh();
  return {
    root,
    render(t: Translator): void {
      tr = t;
      draw(t);
    },
    refresh,
  };
}
