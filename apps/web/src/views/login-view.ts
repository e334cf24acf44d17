import type { AuthMethodsDto } from '@onetrip/contracts';
import type { AuthClient } from '../api/client';
import { ApiError } from '../api/client';
import type { Translator } from '../i18n/i18n';

export interface LoginOptions {
  /** What the api offers (GET /auth/methods); with `oidc` the page shows "Sign in with …". */
  methods?: AuthMethodsDto | null;
  /**
   * The problem code a refused single sign-on came back with (`/?login=<code>`, set by the api's
   * callback), shown as its message.
   */
  problemCode?: string | null;
}

/**
 * The login page, shown when the page has no session. On success it calls `onLogin` (the app is
 * mounted then); failures are shown as text (the throttle's 429 included). When the city has a
 * single sign-on, its button comes first; it is a plain link to the api, which redirects.
 */
export function renderLogin(
  root: HTMLElement,
  auth: AuthClient,
  tr: Translator,
  onLogin: () => void,
  options: LoginOptions = {},
): void {
  const form = document.createElement('form');
  form.className = 'card login-card';
  form.setAttribute('aria-labelledby', 'login-heading');
  const heading = document.createElement('h1');
  heading.id = 'login-heading';
  heading.textContent = tr.t('login.title');
  const field = (name: 'username' | 'password'): HTMLInputElement => {
    const input = document.createElement('input');
    input.name = name;
    input.id = `login-${name}`;
    input.type = name === 'password' ? 'password' : 'text';
    input.autocomplete = name === 'password' ? 'current-password' : 'username';
    input.required = true;
    return input;
  };
  const username = field('username');
  const password = field('password');
  const label = (
    input: HTMLInputElement,
    key: 'login.username' | 'login.password',
  ): HTMLElement => {
    const l = document.createElement('label');
    l.htmlFor = input.id;
    l.textContent = tr.t(key);
    return l;
  };
  const error = document.createElement('p');
  error.className = 'login-error';
  error.setAttribute('role', 'alert');
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = tr.t('login.submit');
  const code = options.problemCode ?? '';
  if (code) {
    const key = `error.${code}`;
    error.textContent = code.startsWith('auth.') && tr.has(key) ? tr.t(key) : tr.t('login.failed');
  }
  const sso: HTMLElement[] = [];
  const oidc = options.methods?.oidc;
  if (oidc) {
    const link = document.createElement('a');
    link.className = 'button oidc-login';
    link.href = oidc.loginUrl;
    link.textContent = oidc.name
      ? tr.t('login.oidc', { provider: oidc.name })
      : tr.t('login.oidcGeneric');
    const or = document.createElement('p');
    or.className = 'login-or';
    or.textContent = tr.t('login.or');
    sso.push(link, or);
  }
  form.append(
    heading,
    ...sso,
    label(username, 'login.username'),
    username,
    label(password, 'login.password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    auth.login(username.value, password.value).then(
      () => onLogin(),
      (e: unknown) => {
        submit.disabled = false;
        const code = e instanceof ApiError ? e.problem.code : '';
        error.textContent =
          code === 'auth.throttled' ? tr.t('login.throttled') : tr.t('login.failed');
      },
    );
  });
  root.replaceChildren(form);
  if (!oidc) username.focus();
}
