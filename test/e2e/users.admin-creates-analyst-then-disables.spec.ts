/**
 * In the real browser, against the built api, worker and web app: an admin opens Users from the
 * header, creates an analyst of one department (the generated password shown once), the analyst
 * logs in with it and sees only that department's dataset, the admin disables them and their
 * session stops working at once. The web app runs under the api's Content-Security-Policy with
 * no violation.
 */
import type { DatasetDto } from '@onetrip/contracts';
import { launchChromium, startWebStack, type Browser, type WebStack } from '../support/browser';

describe('an admin manages users in the web app', () => {
  let stack: WebStack;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    stack = await startWebStack('web_users_e2e');
    for (const [name, department] of [
      ['Tax hall visits', '税务局'],
      ['Social security visits', '人社局'],
    ]) {
      const made = await fetch(`${stack.url}/api/v1/datasets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' }, // as the test admin (test-admin.ts)
        body: JSON.stringify({ name, department }),
      });
      expect(made.status).toBe(201);
      expect(((await made.json()) as DatasetDto).department).toBe(department);
    }
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  }, 60_000);

  /** A browser that records Content-Security-Policy violations and console errors. */
  async function browser(headers?: Record<string, string>): Promise<{
    b: Browser;
    violations: string[];
  }> {
    // Without headers the browser is the test admin (launchChromium's default header).
    const b = await launchChromium({
      locale: 'en-GB',
      ...(headers ? { extraHTTPHeaders: headers } : {}),
    });
    browsers.push(b);
    const violations: string[] = [];
    b.page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    return { b, violations };
  }

  it('creates an analyst of 税务局 who sees only its dataset, until disabled', async () => {
    const admin = await browser();
    const page = admin.b.page;
    const home = await page.goto(`${stack.url}/`);
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByText('Tax hall visits').first().waitFor();
    await page.locator('#nav-users').click();
    await page.waitForURL(`${stack.url}/users`);
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.locator('[data-user="test-admin"]').waitFor();

    await page.locator('#user-new-username').fill('ann');
    await page.locator('#user-new-role').selectOption('analyst');
    await page.locator('#user-new-departments').fill('税务局');
    await page.locator('#user-create').click();
    const shown = page.locator('[data-testid="user-password-value"]');
    await shown.waitFor();
    const password = (await shown.textContent()) ?? '';
    expect(password).toMatch(/^[\w-]{24}$/);
    const annRow = page.locator('[data-user="ann"]');
    await expect(annRow.locator('td').nth(0).textContent()).resolves.toBe('Analyst');
    await expect(annRow.locator('td').nth(1).textContent()).resolves.toBe('税务局');

    // The analyst logs in with the password the admin passed on (a cookie session, no bearer).
    const analyst = await browser({ authorization: '' });
    const a = analyst.b.page;
    await a.goto(`${stack.url}/`);
    await a.getByRole('heading', { name: 'Log in to onetrip' }).waitFor();
    await a.getByLabel('User name').fill('ann');
    await a.getByLabel('Password').fill(password);
    await a.getByRole('button', { name: 'Log in' }).click();
    await a.getByText('ann (analyst)').waitFor();
    await a.getByText('Tax hall visits').first().waitFor();
    expect(await a.getByText('Social security visits').count()).toBe(0);
    expect(await a.locator('#nav-users').count()).toBe(0); // no Users link for a non-admin
    expect(await a.locator('body').getAttribute('data-role')).toBe('analyst');

    // The admin disables them (asked twice); their session ends at once.
    await page.reload();
    await annRow.locator('[data-action="disable"]').click();
    await annRow.locator('[data-action="confirm-disable"]').click();
    await annRow.locator('[data-action="enable"]').waitFor();
    await expect(annRow.locator('[data-testid="user-status"]').textContent()).resolves.toBe(
      'disabled',
    );
    const status = await a.evaluate(async () => (await fetch('/api/v1/datasets')).status);
    expect(status).toBe(401);
    await a.reload();
    await a.getByRole('heading', { name: 'Log in to onetrip' }).waitFor();
    await a.getByLabel('User name').fill('ann');
    await a.getByLabel('Password').fill(password);
    await a.getByRole('button', { name: 'Log in' }).click();
    await a.getByText('Unknown user or wrong password.').waitFor();

    expect(admin.b.pageErrors).toEqual([]);
    expect(analyst.b.pageErrors).toEqual([]);
    expect([...admin.violations, ...analyst.violations]).toEqual([]);
  }, 120_000);

  it('sends a non-admin who opens /users to the dashboard', async () => {
    const made = await fetch(`${stack.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vera', role: 'viewer', password: 'vera-viewer-password' }),
    });
    expect(made.status).toBe(201);
    const login = await fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: '' },
      body: JSON.stringify({ username: 'vera', password: 'vera-viewer-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const viewer = await browser({ authorization: `Bearer ${token}` });
    await viewer.b.page.goto(`${stack.url}/users`);
    await viewer.b.page.getByText('vera (viewer)').waitFor();
    await viewer.b.page.waitForURL(`${stack.url}/`);
    expect(await viewer.b.page.locator('[data-testid="users-table"]').count()).toBe(0);
    expect(viewer.violations).toEqual([]);
  }, 60_000);
});
