import type { UploadSummaryDto } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { UploadHistoryState } from '../store/state';
import { el } from './dom';
import { errorBox } from './errors';
import { rejectedCsvHref } from './upload';

const STATUS: Record<UploadSummaryDto['status'], MessageKey> = {
  receiving: 'history.status.receiving',
  completed: 'history.status.completed',
  failed: 'history.status.failed',
};

function row(
  t: Translator,
  u: UploadSummaryDto,
  rejectedCsvUrl: (uploadId: string) => string,
): HTMLElement {
  const failed = u.status === 'failed';
  return el(
    'tr',
    { 'data-upload-id': u.id, class: failed ? 'failed' : '' },
    el('td', {}, t.dateTime(u.createdAt)),
    el(
      'td',
      { class: 'file-name' },
      u.fileName,
      failed && u.error ? el('p', { class: 'history-error' }, failureText(t, u)) : null,
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
              href: rejectedCsvHref(rejectedCsvUrl(u.id), t),
              download: '',
              title: t.t('upload.downloadRejected', { count: t.number(u.rowsRejected) }),
            },
            t.number(u.rowsRejected),
          )
        : t.number(0),
    ),
  );
}

/**
 * A dataset's recent uploads, newest first: when, which file, how it ended, rows added,
 * duplicates skipped and rejected (with the download of every rejected row). It also shows, after
 * a page reload, how an upload that was running ended — an interrupted one as failed.
 */
/** Why an upload failed, in the interface language when its problem code has a message. */
function failureText(t: Translator, u: UploadSummaryDto): string {
  const key = `error.${u.errorCode ?? ''}`;
  return u.errorCode && t.has(key) ? t.t(key) : (u.error ?? '');
}

export function renderUploadHistory(
  t: Translator,
  state: UploadHistoryState,
  rejectedCsvUrl: (uploadId: string) => string,
): HTMLElement {
  const { loading, error, items } = state;
  const root = el('section', {
    class: 'upload-history',
    'aria-labelledby': 'history-heading',
    'data-testid': 'upload-history',
  });
  const heading = el('h3', { id: 'history-heading' }, t.t('history.title'));
  if (loading) {
    root.append(heading, el('p', { class: 'muted' }, t.t('history.loading')));
    return root;
  }
  if (error) {
    root.append(heading, errorBox(error, t));
    return root;
  }
  if (items.length === 0) {
    root.append(heading, el('p', { class: 'muted empty-state' }, t.t('history.empty')));
    return root;
  }
  root.append(
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
          items.map((u) => row(t, u, rejectedCsvUrl)),
        ),
      ),
    ),
  );
  return root;
}
