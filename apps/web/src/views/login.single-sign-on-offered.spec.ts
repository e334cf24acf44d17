import type { AuthMethodsDto } from '@onetrip/contracts';
import type { AuthClient } from '../api/client';
import { createTranslator, type Locale } from '../i18n/i18n';
import { renderLogin, type LoginOptions } from './login-view';

const auth: AuthClient = {
  me: () => Promise.resolve(null),
  login: () => Promise.reject(new Error('not in this spec')),
  logout: () => Promise.resolve(),
  methods: () => Promise.resolve({ password: true, oidc: null }),
};

const withSso = (name: string | null): AuthMethodsDto => ({
  password: true,
  oidc: { name, loginUrl: '/api/v1/auth/oidc/login' },
});

function page(locale: Locale, options: LoginOptions): HTMLElement {
  const root = document.createElement('div');
  renderLogin(root, auth, createTranslator(locale), () => undefined, options);
  return root;
}

const ssoLink = (root: HTMLElement): HTMLAnchorElement | null =>
  root.querySelector<HTMLAnchorElement>('a.oidc-login');

describe('the login page when the city has a single sign-on', () => {
  it('offers "Sign in with <provider>", a link to the api, above the password form', () => {
    const root = page('en', { methods: withSso('City SSO') });
    const link = ssoLink(root);
    expect(link?.textContent).toBe('Sign in with City SSO');
    expect(link?.getAttribute('href')).toBe('/api/v1/auth/oidc/login');
    expect(root.querySelector('.login-or')?.textContent).toBe('or log in with a onetrip password');
    // Still a password form below it, for local accounts.
    const form = root.querySelector('form');
    const order = [...(form?.children ?? [])].map((e) => e.className || e.tagName.toLowerCase());
    expect(order.indexOf('button oidc-login')).toBeLessThan(order.indexOf('input'));
    expect(root.querySelector('input[name=password]')).not.toBeNull();
  });

  it('says it in Chinese', () => {
    expect(ssoLink(page('zh-CN', { methods: withSso('政务服务统一认证') }))?.textContent).toBe(
      '使用政务服务统一认证登录',
    );
    expect(ssoLink(page('zh-CN', { methods: withSso(null) }))?.textContent).toBe(
      '使用统一身份认证登录',
    );
    expect(page('zh-CN', { methods: withSso(null) }).querySelector('.login-or')?.textContent).toBe(
      '或使用 onetrip 密码登录',
    );
  });

  it('uses a generic label when the provider has no name', () => {
    expect(ssoLink(page('en', { methods: withSso(null) }))?.textContent).toBe(
      'Sign in with single sign-on',
    );
  });

  it('offers no single sign-on when the api has none, or could not be asked', () => {
    for (const methods of [{ password: true, oidc: null } as AuthMethodsDto, null, undefined]) {
      const root = page('en', { methods });
      expect(ssoLink(root)).toBeNull();
      expect(root.querySelector('.login-or')).toBeNull();
    }
  });

  it('shows why a single sign-on came back refused, in the page language', () => {
    const alert = (locale: Locale, problemCode: string | null): string =>
      page(locale, { methods: withSso('City SSO'), problemCode }).querySelector('[role=alert]')
        ?.textContent ?? '';
    expect(alert('en', 'auth.oidc-state')).toBe(
      'The sign-in took too long or was started in another window. Please sign in again.',
    );
    expect(alert('zh-CN', 'auth.oidc-unknown-user')).toBe(
      '您还没有 onetrip 账号，请联系管理员为您创建。',
    );
    // A code the page does not know (or not an auth one): the general failure, never raw text.
    expect(alert('en', 'auth.something-new')).toBe('Unknown user or wrong password.');
    expect(alert('en', 'upload.too-large')).toBe('Unknown user or wrong password.');
    expect(alert('en', null)).toBe('');
  });
});
