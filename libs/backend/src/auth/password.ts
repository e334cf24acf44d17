import { compare, getRounds, hash as bcryptHash } from 'bcryptjs';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// bcrypt from `bcryptjs` (decision 0020): pure JavaScript, no install script or native add-on.
// Cost 12 (2^12 rounds, ~250-400 ms on one core of the small shared server): above OWASP's
// minimum of 10. The cost travels in each hash, so raising it later needs no migration; a hash of
// a lower cost is re-hashed at the next successful login (`needsRehash`).
export const BCRYPT_COST = 12;

// bcrypt reads at most 72 bytes of its input (and stops at a NUL byte), so the password is first
// reduced to its SHA-256 in base64 (44 ASCII characters): a long passphrase or a Chinese one
// (3 bytes a character) counts in full. The scheme name says so (as passlib's bcrypt_sha256 does).
const SCHEME = 'bcrypt-sha256';

const prehash = (password: string): string =>
  createHash('sha256').update(password, 'utf8').digest('base64');

/** `bcrypt-sha256$<the bcrypt hash, $2b$12$…>`. */
export async function hashPassword(password: string): Promise<string> {
  return `${SCHEME}$${await bcryptHash(prehash(password), BCRYPT_COST)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith(`${SCHEME}$`)) {
    return compare(prehash(password), stored.slice(SCHEME.length + 1));
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  return false;
}

/**
 * True when a stored hash is not what hashPassword makes today (an scrypt hash from before
 * decision 0020, or a bcrypt hash of a lower cost): re-hash it once the password is known.
 */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith(`${SCHEME}$`)) return true;
  try {
    return getRounds(stored.slice(SCHEME.length + 1)) < BCRYPT_COST;
  } catch {
    return true;
  }
}

// scrypt hashes written before decision 0020 (`scrypt$N$r$p$salt$hash`, base64url parts) still
// verify, and are replaced by bcrypt at the next successful login.
const SCRYPT_KEY_LENGTH = 32;
const SCRYPT_MAX_MEM = 128 * 1024 * 1024;

function deriveScrypt(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT_KEY_LENGTH, { N, r, p, maxmem: SCRYPT_MAX_MEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await deriveScrypt(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password for a generated account (printed once): 18 random bytes, base64url. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
