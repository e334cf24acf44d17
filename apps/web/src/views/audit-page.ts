import { AUDIT_ACTIONS, type AuditEventDto, type DatasetDto } from '@onetrip/contracts';
import type { AuditActions } from '../controllers/audit';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { AuditState } from '../store/state';
import { el } from './dom';
import { errorBox } from './errors';

export const ACTION_LABEL: Record<(typeof AUDIT_ACTIONS)[number], MessageKey> = {
  viewed: 'audit.action.viewed',
  exported: 'audit.action.exported',
  uploaded: 'audit.action.uploaded',
  mined: 'audit.action.mined',
  created: 'audit.action.created',
  changed: 'audit.action.changed',
  deleted: 'audit.action.deleted',
  login: 'audit.action.login',
  logout: 'audit.action.logout',
  'login-failed': 'audit.action.login-failed',
  'password-changed': 'audit.action.password-changed',
  'user-management': 'audit.action.user-management',
};

const TARGET_LABEL: Record<NonNullable<AuditEventDto['targetKind']>, MessageKey> = {
  dataset: 'audit.target.dataset',
  run: 'audit.target.run',
  upload: 'audit.target.upload',
  journey: 'audit.target.journey',
  'ingestion-key': 'audit.target.ingestion-key',
  user: 'audit.target.user',
};

/**
 * The audit page's filter form: user name, action, dataset, days. Built once per visit (typing
 * changes the store's draft only); "Show" asks for the newest matching page.
 */
export function renderAuditFilter(
  tr: Translator,
  state: AuditState,
  datasets: readonly DatasetDto[],
  actions: AuditActions,
): HTMLFormElement {
  const f = state.filter;
  const field = (id: string, label: MessageKey, control: HTMLElement): HTMLElement =>
    el('div', { class: 'field' }, el('label', { for: id }, tr.t(label)), control);
  const input = (id: string, type: string, value: string, key: 'username' | 'from' | 'to') =>
    el('input', {
      id,
      type,
      value,
      'data-focus': id,
      oninput: (e: Event) => actions.setFilter({ [key]: (e.target as HTMLInputElement).value }),
    });
  const action = el(
    'select',
    {
      id: 'audit-action',
      onchange: (e: Event) =>
        actions.setFilter({ action: (e.target as HTMLSelectElement).value as typeof f.action }),
    },
    el('option', { value: '', selected: f.action === '' }, tr.t('audit.filter.anyAction')),
    AUDIT_ACTIONS.map((a) =>
      el('option', { value: a, selected: f.action === a }, tr.t(ACTION_LABEL[a])),
    ),
  );
  const dataset = el(
    'select',
    {
      id: 'audit-dataset',
      onchange: (e: Event) =>
        actions.setFilter({ datasetId: (e.target as HTMLSelectElement).value }),
    },
    el('option', { value: '', selected: f.datasetId === '' }, tr.t('audit.filter.anyDataset')),
    datasets.map((d) => el('option', { value: d.id, selected: f.datasetId === d.id }, d.name)),
  );
  return el(
    'form',
    {
      class: 'audit-filter',
      'aria-label': tr.t('audit.filter.label'),
      onsubmit: (e: Event) => {
        e.preventDefault();
        actions.apply();
      },
    },
    field('audit-user', 'audit.filter.user', input('audit-user', 'text', f.username, 'username')),
    field('audit-action', 'audit.filter.action', action),
    field('audit-dataset', 'audit.filter.dataset', dataset),
    field('audit-from', 'audit.filter.from', input('audit-from', 'date', f.from, 'from')),
    field('audit-to', 'audit.filter.to', input('audit-to', 'date', f.to, 'to')),
    el(
      'button',
      { type: 'submit', id: 'audit-apply', class: 'primary' },
      tr.t('audit.filter.apply'),
    ),
  );
}

function who(tr: Translator, line: AuditEventDto): string {
  if (line.username) return line.role ? `${line.username} (${line.role})` : line.username;
  const key = line.details.ingestionKey;
  return tr.t('audit.system', { key: typeof key === 'string' ? `${key}…` : '' });
}

function target(tr: Translator, line: AuditEventDto, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (line.datasetId) {
    parts.push(tr.t('audit.target.dataset', { id: names.get(line.datasetId) ?? line.datasetId }));
  }
  if (line.targetKind && line.targetKind !== 'dataset' && line.targetId) {
    parts.push(tr.t(TARGET_LABEL[line.targetKind], { id: line.targetId }));
  }
  return parts.join(' · ');
}

/** The audit table (newest first) with Newer / Older, or its loading, empty or error state. */
export function renderAuditResults(
  tr: Translator,
  state: AuditState,
  datasets: readonly DatasetDto[],
  actions: AuditActions,
): HTMLElement {
  const names = new Map(datasets.map((d) => [d.id, d.name]));
  const box = el('div', { class: 'audit-results', 'aria-live': 'polite' });
  if (state.error) {
    box.append(errorBox(state.error, tr));
    return box;
  }
  if (state.loading && state.items.length === 0) {
    box.append(el('p', { class: 'muted loading' }, tr.t('audit.loading')));
    return box;
  }
  if (state.items.length === 0) {
    box.append(el('p', { class: 'empty-state' }, tr.t('audit.empty')));
    return box;
  }
  box.append(
    el(
      'table',
      { class: 'audit-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          (
            [
              'audit.col.at',
              'audit.col.user',
              'audit.col.action',
              'audit.col.target',
              'audit.col.from',
            ] as const
          ).map((k) => el('th', { scope: 'col' }, tr.t(k))),
        ),
      ),
      el(
        'tbody',
        {},
        state.items.map((line) =>
          el(
            'tr',
            { 'data-audit-id': line.id, 'data-action': line.action },
            el('td', {}, tr.dateTime(line.at)),
            el('td', {}, who(tr, line)),
            el('td', {}, tr.t(ACTION_LABEL[line.action])),
            el('td', { class: 'audit-target' }, target(tr, line, names)),
            el('td', { title: line.userAgent ?? '' }, line.ip ?? ''),
          ),
        ),
      ),
    ),
    el(
      'div',
      { class: 'audit-paging' },
      el(
        'button',
        {
          type: 'button',
          id: 'audit-newer',
          disabled: state.newer.length === 0 || state.loading,
          onclick: () => actions.newer(),
        },
        tr.t('audit.newer'),
      ),
      el(
        'button',
        {
          type: 'button',
          id: 'audit-older',
          disabled: state.next === null || state.loading,
          onclick: () => actions.older(),
        },
        tr.t('audit.older'),
      ),
    ),
  );
  return box;
}

/** The page around them: heading, the way back, the form and the results region. */
export function renderAuditShell(
  tr: Translator,
  form: HTMLElement,
  results: HTMLElement,
  actions: AuditActions,
): HTMLElement {
  return el(
    'section',
    { class: 'card audit-page', 'aria-labelledby': 'audit-heading', 'data-testid': 'audit-page' },
    el(
      'div',
      { class: 'audit-heading' },
      el('h1', { id: 'audit-heading' }, tr.t('audit.title')),
      el(
        'button',
        { type: 'button', id: 'audit-back', class: 'link', onclick: () => actions.close() },
        tr.t('audit.back'),
      ),
    ),
    el('p', { class: 'muted' }, tr.t('audit.hint')),
    form,
    results,
  );
}
