/**
 * In the real browser, a city with a single sign-on: the login page offers "Sign in with City
 * SSO" (使用City SSO登录 in Chinese); clicking it goes to the provider (test/support/oidc-provider.ts
 * on 127.0.0.1), whose login form sends the browser back signed in with the role its groups map
 * to. A sign-in the api refuses lands on the login page with the reason. Needs the full build.
 */
import { startTestProvider, type TestProvider } from '../support/oidc-provider';
import { launchChromium, WEB_DIST, type Browser } from '../support/browser';
import {
  createTestDatabase,
  freePort,
  spawnApi,
  testEnv,
  type RunningProcess,
  type TestDatabase,
} from '../support/services';

describe('signing in with single sign-on in the browser', () => {
  let db: TestDatabase;
  let provider: TestProvider;
  let api: RunningProcess;
  let url: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('web_oidc_e2e');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const redirectUri = `${url}/api/v1/auth/oidc/callback`;
    const client = { clientId: 'onetrip-web', clientSecret: 'web-client-secret' };
    provider = await startTestProvider({ ...client, redirectUri });
    provider.users.set('ana', { preferred_username: 'ana', groups: ['onetrip-analysts'] });
    api = await spawnApi(
      testEnv(db, {
        WEB_DIST,
        OIDC_ISSUER: provider.issuer,
        OIDC_ALLOW_HTTP: 'true',
        OIDC_CLIENT_ID: client.clientId,
        OIDC_CLIENT_SECRET: client.clientSecret,
        OIDC_REDIRECT_URL: redirectUri,
        OIDC_PROVIDER_NAME: 'City SSO',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'onetrip-analysts=analyst',
      }),
      port,
    );
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await api?.stop();
    await provider?.close();
    await db?.drop();
  }, 60_000);

  async function browser(locale: string): Promise<Browser> {
    const b = await launchChromium({ locale, extraHTTPHeaders: { authorization: '' } });
    browsers.push(b);
    return b;
  }

  it('goes to the provider and comes back signed in, with the mapped role', async () => {
    const { page, pageErrors } = await browser('en-GB');
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Log in to onetrip' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with City SSO' }).click();
    await page.getByLabel('Provider user').fill('ana');
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await page.getByText('ana (analyst)').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Sign in with City SSO' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows the button in Chinese, and why a refused sign-in failed', async () => {
    const { page, pageErrors } = await browser('zh-CN');
    await page.goto(`${url}/`);
    const button = page.getByRole('link', { name: '使用City SSO登录' });
    await button.waitFor();
    await button.click();
    await page.getByLabel('Provider user').fill('ana');
    provider.tweakNextIdToken({ aud: 'another-client' });
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await page
      .getByText('无法验证统一身份认证的应答。请重新登录；如仍失败，请联系管理员。')
      .waitFor();
    // The reason is shown once: the address no longer carries it.
    expect(new URL(page.url()).search).toBe('');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
