/**
 * Issue 16: every message a user sees in zh-CN is Chinese. Walks the catalogue, the rejection
 * codes of uploaded rows, every problem code the api can answer with (read from its sources,
 * so a new code cannot be forgotten) and every fatal ingest error code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REJECTION_CODES, REJECTION_MESSAGES } from '@onetrip/contracts';
import { en } from './en';
import { zhCN } from './zh-CN';

const ROOT = path.resolve(__dirname, '../../../..');
const CJK = /[\u4e00-\u9fff]/;
/** Messages that are the same in every language: the product's name, a statistic's symbol. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'app.title',
  'map.time.p90',
  'bottlenecks.col.p90',
  'suppressed.cell', // '< 5': a small count hidden (docs/security.md#small-counts)
  // '{user}（{role}）': names only, with Chinese brackets.
  'login.signedInAs',
]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/** Problem codes the api sends: `new ProblemException(status, 'code', …)` and `code: 'a.b'`. */
function problemCodes(): string[] {
  const codes = new Set<string>();
  for (const file of [
    ...sources(path.join(ROOT, 'apps/api/src')),
    ...sources(path.join(ROOT, 'libs/backend/src')),
  ]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/ProblemException\(\s*\d+,\s*['`]([a-z][a-z0-9.-]*)['`]/g)) {
      codes.add(m[1] ?? '');
    }
    for (const m of text.matchAll(/code: '([a-z]+\.[a-z][a-z0-9.-]*)'/g)) codes.add(m[1] ?? '');
    // notFound('dataset', id) answers `dataset.not-found`.
    for (const m of text.matchAll(/notFound\(\s*'([a-z-]+)'/g)) codes.add(`${m[1]}.not-found`);
  }
  return [...codes].sort();
}

/** The fatal ingest codes (IngestErrorCode), answered as `ingest.<code>`. */
function ingestCodes(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'libs/ingest/src/errors.ts'), 'utf8');
  const union = /export type IngestErrorCode =([^;]+);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => `ingest.${m[1]}`);
}

describe('every message a Chinese user sees is in Chinese', () => {
  it('in the catalogue', () => {
    const notChinese = Object.entries(zhCN)
      .filter(([key, text]) => !SAME_IN_EVERY_LANGUAGE.has(key) && !CJK.test(text))
      .map(([key]) => key);
    expect(notChinese).toEqual([]);
  });

  it('for every reason a row of a file is rejected', () => {
    for (const code of REJECTION_CODES) {
      expect([code, CJK.test(REJECTION_MESSAGES['zh-CN'][code])]).toEqual([code, true]);
      expect([code, REJECTION_MESSAGES.en[code] === REJECTION_MESSAGES['zh-CN'][code]]).toEqual([
        code,
        false,
      ]);
    }
  });

  it('for every problem the api answers with, and every fatal ingest error', () => {
    const codes = [...problemCodes(), ...ingestCodes()];
    expect(codes.length).toBeGreaterThan(30);
    const missing = codes.filter((code) => !(`error.${code}` in zhCN) || !(`error.${code}` in en));
    expect(missing).toEqual([]);
  });
});
