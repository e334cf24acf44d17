import type { Translator } from '../i18n/i18n';
import type { AccessState } from '../store/state';
import { ACTION_LABEL } from './audit-page';
import { el } from './dom';
import { errorBox } from './errors';

/**
 * "Who accessed this dataset" (the data tracker): per user, what they did how often and when
 * last, from the audit log; pushes with an ingestion key are one row for all systems.
 */
export function renderAccessPanel(
  tr: Translator,
  state: AccessState,
  refresh: () => void,
): HTMLElement {
  const card = el(
    'section',
    { class: 'card access-card', 'aria-labelledby': 'access-heading', 'data-testid': 'access' },
    el('h2', { id: 'access-heading' }, tr.t('access.title')),
    el('p', { class: 'muted' }, tr.t('access.hint')),
  );
  if (state.error) {
    card.append(errorBox(state.error, tr));
    return card;
  }
  if (state.loading) {
    card.append(el('p', { class: 'muted loading' }, tr.t('access.loading')));
    return card;
  }
  if (state.users.length === 0) {
    card.append(el('p', { class: 'empty-state' }, tr.t('access.empty')));
  } else {
    card.append(
      el(
        'table',
        { class: 'access-table' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            (['access.col.user', 'access.col.actions', 'access.col.last'] as const).map((k) =>
              el('th', { scope: 'col' }, tr.t(k)),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          state.users.map((u) =>
            el(
              'tr',
              { 'data-user-id': u.userId ?? 'systems' },
              el(
                'td',
                {},
                u.username === null
                  ? tr.t('access.systems')
                  : u.role
                    ? `${u.username} (${u.role})`
                    : u.username,
              ),
              el(
                'td',
                {},
                u.actions
                  .map((a) =>
                    tr.t('access.action', {
                      action: tr.t(ACTION_LABEL[a.action]),
                      count: tr.number(a.count),
                    }),
                  )
                  .join(tr.locale === 'zh-CN' ? '，' : ', '),
              ),
              el('td', {}, tr.dateTime(u.last)),
            ),
          ),
        ),
      ),
    );
  }
  card.append(
    el(
      'button',
      { type: 'button', id: 'access-refresh', onclick: refresh },
      tr.t('access.refresh'),
    ),
  );
  return card;
}
