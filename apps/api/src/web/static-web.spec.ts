import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { staticWeb } from './static-web';

describe('serving the built web app', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'onetrip-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>onetrip</title>');
    writeFileSync(path.join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const web = staticWeb(dir);
    if (!web) throw new Error('expected a middleware for a directory with index.html');
    server = createServer((req, res) =>
      web(req, res, () => {
        res.statusCode = 404;
        res.end('passed on');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with their type and long caching for hashed assets', async () => {
    const res = await fetch(`${base}/assets/app-1a2b.js`);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html, never a file outside the directory', async () => {
    for (const route of ['/', '/datasets/42', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await fetch(`${base}${route}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>onetrip</title>');
    }
  });

  it('leaves /api to the API', async () => {
    const res = await fetch(`${base}/api/v1/datasets`);
    expect(await res.text()).toBe('passed on');
  });

  it('does nothing when no web app has been built', () => {
    expect(staticWeb(path.join(dir, 'missing'))).toBeNull();
  });
});
