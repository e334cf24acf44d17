import type { AuthClient } from '../api/client';
import { ApiError } from '../api/client';
import type { Translator } from '../i18n/i18n';

/**
 * The login page, shown when the page has no session. On success it calls `onLogin` (the app is
 * mounted then); failures are shown as text (the throttle's 429 included).
 */
export function renderLogin(
  root: HTMLElement,
  auth: AuthClient,
  tr: Translator,
  onLogin: () => void,
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
  form.append(
    heading,
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
  username.focus();
}
