import type { UsersClient } from '../api/client';
import { createUsersActions } from '../controllers/users';
import { createTranslator, type Locale, type Translator } from '../i18n/i18n';
import type { UsersPageState } from '../store/users-state';
import { createStore, type Store } from '../store/store';
import { el, replaceContent } from './dom';
import { renderHeader } from './header';
import { renderCreateUserForm, renderUsersList } from './users-page';

export interface UsersPageOptions {
  api: UsersClient;
  locale: Locale;
  /** The admin's user name. */
  me: string;
  /** Remembers a language chosen here (as the dashboard does). */
  onLocale: (locale: Locale) => void;
}

/**
 * The admin's Users page at `/users` (linked from the header for admins only; the api refuses
 * anyone else with 403): list, create, change role and departments, disable and enable, reset a
 * password. Its own store, controller (controllers/users.ts) and render functions
 * (views/users-page.ts), wired here as the dashboard is in views/app.ts.
 */
export function mountUsersPage(
  root: HTMLElement,
  options: UsersPageOptions,
): Store<UsersPageState> {
  const store = createStore<UsersPageState>({
    locale: options.locale,
    me: options.me,
    status: 'loading',
    items: [],
    error: null,
    busy: null,
    editing: null,
    confirm: null,
    revealed: null,
  });
  const actions = createUsersActions(options.api, store, options.onLocale);
  const list = el('div', { class: 'users-list', 'aria-live': 'polite' });
  let tr: Translator | null = null;

  function shell(locale: Locale): void {
    tr = createTranslator(locale);
    document.documentElement.lang = locale;
    document.title = `${tr.t('users.title')} · ${tr.t('app.title')}`;
    root.replaceChildren(
      renderHeader(tr, actions.setLocale),
      el(
        'main',
        { id: 'main', tabindex: '-1', class: 'content users-page' },
        el('p', {}, el('a', { href: '/', 'data-testid': 'back-to-dashboard' }, tr.t('users.back'))),
        el('h1', {}, tr.t('users.title')),
        list,
        renderCreateUserForm(tr, actions.create),
      ),
    );
  }

  function render(state: UsersPageState, previous: UsersPageState | null): void {
    if (!tr || !previous || state.locale !== previous.locale) shell(state.locale);
    replaceContent(list, ...renderUsersList(state, tr!, actions));
  }

  store.subscribe(render);
  render(store.get(), null);
  void actions.load();
  return store;
}
