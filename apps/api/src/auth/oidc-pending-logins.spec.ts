import { PendingLogins } from './oidc-pending-logins';

const login = (n: number) => ({ state: `s${n}`, nonce: `n${n}`, codeVerifier: `v${n}` });

describe('sign-ins waiting for the provider', () => {
  it('gives each sign-in back once, by its id', () => {
    const pending = new PendingLogins();
    const a = pending.add(login(1), 0);
    const b = pending.add(login(2), 0);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w-]{32}$/);
    expect(pending.take(b, 1)).toEqual(login(2));
    expect(pending.take(b, 1)).toBeNull();
    expect(pending.take(a, 1)).toEqual(login(1));
    expect(pending.take('never-issued', 1)).toBeNull();
  });

  it('forgets a sign-in older than its lifetime', () => {
    const pending = new PendingLogins(1000);
    const id = pending.add(login(1), 0);
    expect(pending.take(id, 1000)).toBeNull();
    const fresh = pending.add(login(2), 0);
    expect(pending.take(fresh, 999)).toEqual(login(2));
  });

  it('holds at most `max` sign-ins: expired ones go first, then the oldest', () => {
    const pending = new PendingLogins(1000, 3);
    const old = pending.add(login(1), 0);
    const ids = [pending.add(login(2), 500), pending.add(login(3), 500)];
    const next = pending.add(login(4), 1200); // login 1 expired at 1000: pruned
    expect(pending.size).toBe(3);
    expect(pending.take(old, 1200)).toBeNull();
    const flood = pending.add(login(5), 1300); // all live: the oldest (login 2) makes room
    expect(pending.size).toBe(3);
    expect(pending.take(ids[0], 1300)).toBeNull();
    expect(pending.take(ids[1], 1300)).toEqual(login(3));
    expect(pending.take(next, 1300)).toEqual(login(4));
    expect(pending.take(flood, 1300)).toEqual(login(5));
  });
});
