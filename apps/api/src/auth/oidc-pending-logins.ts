import { randomBytes } from 'node:crypto';

/** What a sign-in started at the provider must come back with. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Sign-ins sent to the OIDC provider and not yet back, by a random id the browser holds in an
 * HttpOnly cookie (decision 0022). The state, nonce and PKCE verifier never leave the server;
 * each entry is taken once and lives `ttlMs`. In this process's memory, like the login throttle:
 * a restart mid-sign-in means signing in again.
 */
export class PendingLogins {
  private readonly entries = new Map<string, PendingLogin & { expiresAt: number }>();

  constructor(
    readonly ttlMs = 10 * 60_000,
    private readonly max = 10_000,
  ) {}

  add(login: PendingLogin, now = Date.now()): string {
    if (this.entries.size >= this.max) this.prune(now);
    // Still full of live entries (a flood of /login calls): the oldest make room.
    for (const id of this.entries.keys()) {
      if (this.entries.size < this.max) break;
      this.entries.delete(id);
    }
    const id = randomBytes(24).toString('base64url');
    this.entries.set(id, { ...login, expiresAt: now + this.ttlMs });
    return id;
  }

  /** The pending sign-in of this id, removed; null when unknown, taken already or expired. */
  take(id: string, now = Date.now()): PendingLogin | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    this.entries.delete(id);
    if (entry.expiresAt <= now) return null;
    return { state: entry.state, nonce: entry.nonce, codeVerifier: entry.codeVerifier };
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
