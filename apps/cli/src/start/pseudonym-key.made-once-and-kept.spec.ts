import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PSEUDONYM_KEY_FILE, ensurePseudonymKey } from './pseudonym-key';

describe('the pseudonymization key of onetrip start', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once as 32 random bytes in a file only its owner can read, then reused', () => {
    const lines: string[] = [];
    const dataDir = path.join(dir, 'data'); // not there yet
    const key = ensurePseudonymKey(dataDir, (l) => lines.push(l));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(lines).toEqual([`generated a pseudonymization key in ${file} (keep it with the data)`]);

    expect(ensurePseudonymKey(dataDir, (l) => lines.push(l))).toBe(key);
    expect(lines).toHaveLength(1);
  });

  it('differs from one data directory to the next', () => {
    const a = ensurePseudonymKey(path.join(dir, 'a'), () => undefined);
    const b = ensurePseudonymKey(path.join(dir, 'b'), () => undefined);
    expect(a).not.toBe(b);
  });

  it('refuses a key file that holds a short key instead of replacing it', () => {
    fs.writeFileSync(path.join(dir, PSEUDONYM_KEY_FILE), 'short\n');
    expect(() => ensurePseudonymKey(dir, () => undefined)).toThrow(
      /holds a key shorter than 32 bytes/,
    );
    expect(fs.readFileSync(path.join(dir, PSEUDONYM_KEY_FILE), 'utf8')).toBe('short\n');
  });
});
