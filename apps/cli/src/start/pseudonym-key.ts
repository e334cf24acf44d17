/**
 * The pseudonymization key of `onetrip start` when PSEUDONYM_KEY is not set: 32 random bytes
 * (64 hex characters) made once into `<data-dir>/pseudonym.key` (mode 0600) and read from there
 * on every later start. The published development key would let anyone reverse the demo's
 * pseudonyms by hashing candidate identifiers; a key of one's own does not. Losing the file
 * means new uploads pseudonymize the same citizens differently (old events keep their keys).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PSEUDONYM_KEY_FILE = 'pseudonym.key';
/** Bytes of a generated key, and the least a key file may hold. */
export const PSEUDONYM_KEY_BYTES = 32;

/** The key from `<dataDir>/pseudonym.key`, made first when the file does not exist. */
export function ensurePseudonymKey(dataDir: string, log: (line: string) => void): string {
  const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a key another start wrote a moment ago.
    fs.writeFileSync(file, `${randomBytes(PSEUDONYM_KEY_BYTES).toString('hex')}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    log(`generated a pseudonymization key in ${file} (keep it with the data)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(key, 'utf8') < PSEUDONYM_KEY_BYTES) {
    throw new Error(
      `${file} holds a key shorter than ${PSEUDONYM_KEY_BYTES} bytes; ` +
        'delete the file to have a new one made, or set PSEUDONYM_KEY',
    );
  }
  return key;
}
