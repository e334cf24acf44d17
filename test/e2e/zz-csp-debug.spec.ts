import '../support/test-admin';
import { launchChromium, startWebStack } from '../support/browser';
it('debug', async () => {
  const stack = await startWebStack('web_csp_debug');
  for (const [name, department] of [['Tax hall visits', '税务局']]) {
    const made = await fetch(`${stack.url}/api/v1/datasets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, department }) });
    console.log(made.status, await made.text());
  }
  const b = await launchChromium({ locale: 'en-GB', extraHTTPHeaders: {} });
  const msgs: string[] = [];
  b.page.on('console', (m) => msgs.push(`${m.type()}: ${m.text()}`));
  b.page.on('requestfailed', (r) => msgs.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  b.page.on('response', (r) => msgs.push(`resp: ${r.status()} ${r.url()}`));
  await b.page.goto(`${stack.url}/`);
  await new Promise((r) => setTimeout(r, 5000));
  console.log(msgs.join('\n'), b.pageErrors, (await b.page.locator('aside').innerHTML()).slice(0, 3000));
  await b.close();
  await stack.stop();
}, 90_000);
