/**
 * In the real browser: without a session the app shows the login page; logging in opens the app
 * with the user's name and a logout button; a viewer sees datasets but neither the upload form
 * nor the mining controls.
 */
import { hashPassword } from '@onetrip/backend';
import type { LoginDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { launchChromium, startWebStack, type Browser, type WebStack } from '../support/browser';
import { TEST_ADMIN } from '../support/services';

describe('logging in to the web app', () => {
  let stack: WebStack;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    stack = await startWebStack('web_login_e2e');
    const made = await fetch(`${stack.url}/api/v1/datasets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' }, // as the test admin (test-admin.ts)
      body: JSON.stringify({ name: 'Hall visits' }),
    });
    expect(made.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  }, 60_000);

  it('shows the login page without a session, then the app with the user and logout', async () => {
    const browser = await launchChromium({
      locale: 'en-GB',
      extraHTTPHeaders: { authorization: '' },
    });
    browsers.push(browser);
    const { page } = browser;
    await page.goto(`${stack.url}/`);
    await page.getByRole('heading', { name: 'Log in to onetrip' }).waitFor();
    await page.getByLabel('User name').fill(TEST_ADMIN.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Unknown user or wrong password.').waitFor();
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`${TEST_ADMIN.username} (admin)`).waitFor();
    await page.getByText('Hall visits').first().click();
    await page.locator('.upload-card').first().waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to onetrip' }).waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('hides the upload form from a viewer', async () => {
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO app_user (username, password_hash, role) VALUES ('vic', $1, 'viewer')`,
        [await hashPassword('vic-viewer-password')],
      );
    } finally {
      await client.end();
    }
    const login = await fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: '' },
      body: JSON.stringify({ username: 'vic', password: 'vic-viewer-password' }),
    });
    const { token } = (await login.json()) as LoginDto;
    const browser = await launchChromium({
      locale: 'en-GB',
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    browsers.push(browser);
    const { page } = browser;
    await page.goto(`${stack.url}/`);
    await page.getByText('vic (viewer)').waitFor();
    await page.getByText('Hall visits').first().click();
    const upload = page.locator('.upload-card').first();
    await upload.waitFor({ state: 'attached' });
    expect(await upload.isVisible()).toBe(false);
    expect(await page.locator('body').getAttribute('data-role')).toBe('viewer');
  }, 60_000);
});
