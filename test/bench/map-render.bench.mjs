#!/usr/bin/env node
/**
 * How long the journey map takes to render a map of 100 activities and 1,000 transitions, all
 * shown (sliders at 100 %), in headless Chromium: the built preview page (`?bench=map`) slices,
 * lays out, draws and frames the map, forces layout and waits for the next frame, and reports
 * the milliseconds. Target: < 500 ms.
 *
 *   node tools/build.mjs web && node test/bench/map-render.bench.mjs [--runs 5]
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist', 'apps', 'web');
const CHROMIUM = '/usr/bin/chromium';
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;

if (!existsSync(path.join(DIST, 'preview.html'))) {
  console.error('dist/apps/web/preview.html is missing: run `node tools/build.mjs web` first');
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};
const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = path.join(
    DIST,
    path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''),
  );
  if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const profile = mkdtempSync(path.join(os.tmpdir(), 'onetrip-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
  viewport: { width: 1440, height: 1000 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const times = [];
  let shape = null;
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${base}/preview.html?bench=map`);
    const result = await page.waitForFunction('window.__mapBench', null, { timeout: 60_000 });
    const value = await result.jsonValue();
    times.push(value.ms);
    shape = value;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `map render: ${shape.activities} activities, ${shape.edges} transitions (${shape.drawnEdges} drawn): ` +
      `median ${median} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms over ${RUNS} runs`,
  );
  process.exitCode = median < 500 ? 0 : 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
