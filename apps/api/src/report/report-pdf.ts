/**
 * The report's HTML printed to PDF by Chromium headless (playwright-core driving the machine's
 * Chromium, CHROMIUM_PATH). The page gets no network: every request it would make is aborted, so
 * nothing in the data can reach out. One browser per report, closed afterwards.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS } from '@onetrip/backend';
import { chromium } from 'playwright-core';
import { ProblemException } from '../problem/problem';

export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new ProblemException(
      503,
      'report.pdf-unavailable',
      `PDF needs Chromium, which is not at ${chromiumPath} (CHROMIUM_PATH); the HTML report works.`,
    );
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'onetrip-report-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: [...CHROMIUM_FLAGS],
    headless: true,
  });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
