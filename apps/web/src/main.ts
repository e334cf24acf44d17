import './styles.css';
import type { SessionDto } from '@onetrip/contracts';
import { createApiClient, createAuthClient, createUsersClient } from './api/client';
import { LOCALE_KEY } from './controllers/datasets';
import { createTranslator, detectLocale, isLocale } from './i18n/i18n';
import { renderLogin } from './views/login-view';
import { mountApp, storedLocale } from './views/app';
import { mountUsersPage } from './views/users';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const storage = safeStorage();
const remembered = storedLocale(storage);
const locale = isLocale(remembered)
  ? remembered
  : detectLocale(navigator.languages ?? [navigator.language]);
const auth = createAuthClient();
const tr = createTranslator(locale);

/** Who is logged in, and a logout button; `data-role` on <body> hides what the role may not do. */
function showUser(session: SessionDto): void {
  document.body.dataset.role = session.user.role;
  const bar = document.createElement('div');
  bar.className = 'user-bar';
  const who = document.createElement('span');
  who.textContent = tr.t('login.signedInAs', {
    user: session.user.username,
    role: session.user.role,
  });
  // User management, for admins only (the api answers anyone else 403 anyway).
  const usersLink = document.createElement('a');
  usersLink.href = '/users';
  usersLink.id = 'nav-users';
  usersLink.textContent = tr.t('users.title');
  const out = document.createElement('button');
  out.type = 'button';
  out.textContent = tr.t('login.logout');
  out.addEventListener('click', () => void auth.logout().then(() => location.assign('/')));
  bar.append(who, ...(session.user.role === 'admin' ? [usersLink] : []), out);
  document.body.prepend(bar);
}

function start(session: SessionDto): void {
  showUser(session);
  if (location.pathname === '/users') {
    if (session.user.role === 'admin') {
      mountUsersPage(root!, {
        api: createUsersClient(),
        locale,
        me: session.user.username,
        onLocale: (chosen) => storage?.setItem(LOCALE_KEY, chosen),
      });
      return;
    }
    history.replaceState(null, '', '/');
  }
  mountApp(root!, {
    api: createApiClient(),
    locale,
    storage,
    pollIntervalMs: 500,
    user: session.user,
  });
}

/** `/?login=<problem code>`: a refused single sign-on; shown once, then dropped from the URL. */
function takeLoginProblem(): string | null {
  const params = new URLSearchParams(location.search);
  const code = params.get('login');
  if (code === null) return null;
  params.delete('login');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  return code;
}

void auth.me().then(async (session) => {
  if (session) return start(session);
  const problemCode = takeLoginProblem();
  const methods = await auth.methods().catch(() => null);
  renderLogin(
    root,
    auth,
    tr,
    () => {
      void auth.me().then((s) => (s ? start(s) : location.reload()));
    },
    { methods, problemCode },
  );
});
