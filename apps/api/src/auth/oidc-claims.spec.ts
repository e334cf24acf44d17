import { ProblemException } from '../problem/problem';
import { claimOf, identityFromClaims, type ClaimSettings } from './oidc-claims';

const base: ClaimSettings = {
  usernameClaim: 'preferred_username',
  roleClaim: null,
  roleMap: new Map(),
  departmentsClaim: null,
  departmentMap: new Map(),
  newUsers: 'create',
  defaultRole: 'viewer',
};

const mapped: ClaimSettings = {
  ...base,
  roleClaim: 'groups',
  roleMap: new Map([
    ['onetrip-admins', 'admin'],
    ['onetrip-analysts', 'analyst'],
    ['onetrip-managers', 'manager'],
  ]),
  departmentsClaim: 'depts',
  departmentMap: new Map([
    ['tax-office', '税务局'],
    ['health-office', 'health'],
  ]),
};

function problemOf(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) {
      return { status: error.problem.status, code: error.problem.code };
    }
    throw error;
  }
  throw new Error('no problem thrown');
}

describe('the onetrip user an ID token names', () => {
  it('creates a first-time user with the default role and no departments', () => {
    expect(identityFromClaims({ preferred_username: ' ana ' }, null, base)).toEqual({
      username: 'ana',
      role: 'viewer',
      departments: [],
    });
    expect(
      identityFromClaims({ preferred_username: 'ana' }, null, { ...base, defaultRole: 'analyst' })
        .role,
    ).toBe('analyst');
  });

  it('refuses a first-time user when OIDC_NEW_USERS=refuse, but lets a known one in', () => {
    const refuse = { ...base, newUsers: 'refuse' as const };
    expect(
      problemOf(() => identityFromClaims({ preferred_username: 'ana' }, null, refuse)),
    ).toEqual({ status: 403, code: 'auth.oidc-unknown-user' });
    const known = { role: 'manager' as const, departments: ['tax'], disabled: false };
    expect(identityFromClaims({ preferred_username: 'ana' }, known, refuse)).toEqual({
      username: 'ana',
      role: 'manager',
      departments: ['tax'],
    });
  });

  it('refuses a disabled user and a token without a usable user name', () => {
    const disabled = { role: 'admin' as const, departments: [], disabled: true };
    expect(
      problemOf(() => identityFromClaims({ preferred_username: 'x' }, disabled, base)),
    ).toEqual({ status: 403, code: 'auth.oidc-user-disabled' });
    for (const claims of [{}, { preferred_username: '  ' }, { preferred_username: 7 }]) {
      expect(problemOf(() => identityFromClaims(claims, null, base))).toEqual({
        status: 401,
        code: 'auth.oidc-claims',
      });
    }
    expect(
      problemOf(() => identityFromClaims({ preferred_username: 'a'.repeat(201) }, null, base)),
    ).toEqual({ status: 401, code: 'auth.oidc-claims' });
  });

  it('keeps the role and departments an admin gave when no claims are configured', () => {
    const known = { role: 'analyst' as const, departments: ['tax', 'health'], disabled: false };
    expect(identityFromClaims({ preferred_username: 'ana', groups: ['x'] }, known, base)).toEqual({
      username: 'ana',
      role: 'analyst',
      departments: ['tax', 'health'],
    });
  });

  it('maps group claims to the highest role and department claims through the table', () => {
    const claims = {
      preferred_username: 'ana',
      groups: ['staff', 'onetrip-managers', 'onetrip-analysts'],
      depts: ['tax-office', 'unknown-office', 'tax-office', 'health-office'],
    };
    expect(identityFromClaims(claims, null, mapped)).toEqual({
      username: 'ana',
      role: 'analyst',
      departments: ['税务局', 'health'],
    });
    // A single string counts as one value.
    expect(
      identityFromClaims(
        { preferred_username: 'ana', groups: 'onetrip-admins', depts: 'health-office' },
        null,
        mapped,
      ),
    ).toMatchObject({ role: 'admin', departments: ['health'] });
  });

  it('demotes a known user whose groups no longer map to a role, and clears their departments', () => {
    const known = { role: 'admin' as const, departments: ['税务局'], disabled: false };
    expect(
      identityFromClaims({ preferred_username: 'ana', groups: ['staff'] }, known, mapped),
    ).toEqual({ username: 'ana', role: 'viewer', departments: [] });
  });

  it('takes role names and departments as they are when there is no mapping table', () => {
    const settings = { ...base, roleClaim: 'onetrip_role', departmentsClaim: 'department' };
    expect(
      identityFromClaims(
        { preferred_username: 'ana', onetrip_role: 'manager', department: ['tax', ' health '] },
        null,
        settings,
      ),
    ).toEqual({ username: 'ana', role: 'manager', departments: ['tax', 'health'] });
    // A value that is no role name gives the default role.
    expect(
      identityFromClaims({ preferred_username: 'ana', onetrip_role: 'root' }, null, settings).role,
    ).toBe('viewer');
  });

  it('reads nested claims by a dotted name, and namespaced claims by their full name', () => {
    const claims = {
      realm_access: { roles: ['onetrip-analysts'] },
      'https://city.example/depts': ['tax-office'],
    };
    expect(claimOf(claims, 'realm_access.roles')).toEqual(['onetrip-analysts']);
    expect(claimOf(claims, 'https://city.example/depts')).toEqual(['tax-office']);
    expect(claimOf(claims, 'realm_access.missing.deeper')).toBeUndefined();
  });
});
