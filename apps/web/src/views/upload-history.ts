import type { UploadSummaryDto } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { UploadDeletionState, UploadHistoryState } from '../store/state';
import { el } from './dom';
import { errorBox } from './errors';
import { rejectedCsvHref } from './upload';

const STATUS: Record<UploadSummaryDto['status'], MessageKey> = {
  receiving: 'history.status.receiving',
  completed: 'history.status.completed',
  failed: 'history.status.failed',
};

/** What the history's controls call. */
export interface UploadHistoryViewActions {
  rejectedCsvUrl: (uploadId: string) => string;
  askDelete: (uploadId: string) => void;
  cancelDelete: () => void;
  remove: (uploadId: string) => void;
}

/** The delete control of one upload: a button, its confirmation, or why it was refused. */
function deleteCell(
  t: Translator,
  u: UploadSummaryDto,
  deletion: UploadDeletionState | undefined,
  actions: UploadHistoryViewActions,
): HTMLElement {
  const cell = el('td', { class: 'upload-delete' });
  if (u.status === 'receiving') return cell;
  const mine = deletion?.id === u.id ? deletion : undefined;
  if (mine && mine.status !== 'error') {
    cell.append(
      el(
        'div',
        { class: 'upload-delete-confirm', role: 'alertdialog', 'aria-live': 'assertive' },
        el(
          'p',
          {},
          t.t('history.delete.confirm', { file: u.fileName, count: t.number(u.rowsAccepted) }),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'button-quiet button-danger',
            'data-upload-delete-confirm': u.id,
            disabled: mine.status === 'deleting',
            onclick: () => actions.remove(u.id),
          },
          t.t(mine.status === 'deleting' ? 'history.delete.deleting' : 'history.delete.yes'),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'button-quiet',
            disabled: mine.status === 'deleting',
            onclick: actions.cancelDelete,
          },
          t.t('history.delete.no'),
        ),
      ),
    );
    return cell;
  }
  cell.append(
    el(
      'button',
      {
        type: 'button',
        class: 'button-quiet button-danger',
        'data-upload-delete': u.id,
        'aria-label': t.t('history.delete.label', { file: u.fileName }),
        onclick: () => actions.askDelete(u.id),
      },
      t.t('history.delete'),
    ),
  );
  if (mine?.status === 'error') cell.append(errorBox(mine.error, t));
  return cell;
}

function row(
  t: Translator,
  u: UploadSummaryDto,
  deletion: UploadDeletionState | undefined,
  actions: UploadHistoryViewActions,
): HTMLElement {
  const rejectedCsvUrl = actions.rejectedCsvUrl;
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
    deleteCell(t, u, deletion, actions),
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
  actions: UploadHistoryViewActions,
): HTMLElement {
  const { loading, error, items, deletion } = state;
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
            el(
              'th',
              { scope: 'col', class: 'upload-delete' },
              el('span', { class: 'visually-hidden' }, t.t('history.delete')),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          items.map((u) => row(t, u, deletion, actions)),
        ),
      ),
    ),
  );
  return root;
}
