import { compare } from 'bcryptjs';
import { createHash, scryptSync } from 'node:crypto';
import { BCRYPT_COST, hashPassword, needsRehash, verifyPassword } from './password';

/** An scrypt hash as decision 0018 stored them, built here with node:crypto directly. */
function oldScryptHash(password: string, N = 1024): string {
  const salt = Buffer.from('0123456789abcdef');
  const key = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return ['scrypt', N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashes', () => {
  it('are bcrypt of cost 12 over the SHA-256 of the password, salted (two hashes differ)', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^bcrypt-sha256\$\$2b\$12\$[./A-Za-z0-9]{53}$/);
    expect(a).not.toBe(b);
    expect(BCRYPT_COST).toBe(12);
    // A standard bcrypt verifier accepts the inner hash for the base64 SHA-256 of the password.
    const prehash = createHash('sha256').update('correct horse battery').digest('base64');
    expect(await compare(prehash, a.slice('bcrypt-sha256$'.length))).toBe(true);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('tell apart passwords that differ only after 72 bytes (bcrypt alone would not)', async () => {
    const long = '长'.repeat(30); // 90 bytes in UTF-8
    const stored = await hashPassword(`${long}A`);
    expect(await verifyPassword(`${long}A`, stored)).toBe(true);
    expect(await verifyPassword(`${long}B`, stored)).toBe(false);
  });

  it('written by scrypt before decision 0020 still verify, and ask to be re-hashed', async () => {
    const stored = oldScryptHash('an old password');
    expect(await verifyPassword('an old password', stored)).toBe(true);
    expect(await verifyPassword('another password', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('of a lower bcrypt cost ask to be re-hashed; unknown schemes never verify', async () => {
    const { hash } = await import('bcryptjs');
    const prehash = createHash('sha256').update('pw').digest('base64');
    const cheap = `bcrypt-sha256$${await hash(prehash, 4)}`;
    expect(await verifyPassword('pw', cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(true);
    expect(await verifyPassword('pw', 'pw')).toBe(false);
    expect(await verifyPassword('pw', 'md5$abc')).toBe(false);
  });
});
