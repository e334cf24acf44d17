import { loadConfig } from './config';

const oidc = {
  OIDC_ISSUER: 'https://sso.city.example/realms/gov',
  OIDC_CLIENT_ID: 'onetrip',
  OIDC_REDIRECT_URL: 'https://onetrip.city.example/api/v1/auth/oidc/callback',
};

describe('single sign-on settings', () => {
  it('are off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('read the issuer, client and defaults', () => {
    expect(loadConfig(oidc).oidc).toMatchObject({
      issuer: 'https://sso.city.example/realms/gov',
      clientId: 'onetrip',
      clientSecret: null,
      scopes: 'openid profile email',
      providerName: null,
      usernameClaim: 'preferred_username',
      roleClaim: null,
      departmentsClaim: null,
      newUsers: 'create',
      defaultRole: 'viewer',
      allowHttp: false,
    });
  });

  it('read the mapping tables', () => {
    const config = loadConfig({
      ...oidc,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'onetrip-admins=admin, ou=gov/analysts=analyst,',
      OIDC_DEPARTMENTS_CLAIM: 'depts',
      OIDC_DEPARTMENT_MAP: 'tax-office=税务局',
    }).oidc;
    expect([...(config?.roleMap ?? [])]).toEqual([
      ['onetrip-admins', 'admin'],
      // Only the last "=" separates: a value may hold "=" (not ",").
      ['ou=gov/analysts', 'analyst'],
    ]);
    expect([...(config?.departmentMap ?? [])]).toEqual([['tax-office', '税务局']]);
  });

  it('name every missing or wrong setting at once', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example' })).toThrow(
      /OIDC_CLIENT_ID: required[\s\S]*OIDC_REDIRECT_URL: required/,
    );
    const wrongMaps = (): unknown =>
      loadConfig({ ...oidc, OIDC_ROLE_MAP: 'admins=root,=x', OIDC_DEPARTMENT_MAP: 'a=b' });
    expect(wrongMaps).toThrow(
      /OIDC_ROLE_MAP: "root" is not a role \(viewer, manager, analyst, admin\)/,
    );
    expect(wrongMaps).toThrow(/OIDC_ROLE_MAP: "=x" is not "claim value=target"/);
    expect(wrongMaps).toThrow(/OIDC_ROLE_MAP: set, but OIDC_ROLE_CLAIM is not/);
    expect(wrongMaps).toThrow(/OIDC_DEPARTMENT_MAP: set, but OIDC_DEPARTMENTS_CLAIM is not/);
    expect(() => loadConfig({ ...oidc, OIDC_SCOPES: 'profile email' })).toThrow(
      /OIDC_SCOPES: must include "openid"/,
    );
    expect(() =>
      loadConfig({ ...oidc, OIDC_REDIRECT_URL: 'https://onetrip.city.example/callback' }),
    ).toThrow(/OIDC_REDIRECT_URL: must end in \/api\/v1\/auth\/oidc\/callback/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'x' })).toThrow(
      /OIDC_CLIENT_ID: set, but OIDC_ISSUER/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_DEFAULT_ROLE: 'admin' })).toThrow(/OIDC_DEFAULT_ROLE/);
  });

  it('need https for the issuer, except a local provider with OIDC_ALLOW_HTTP outside production', () => {
    const local = { ...oidc, OIDC_ISSUER: 'http://127.0.0.1:9000' };
    expect(() => loadConfig(local)).toThrow(/OIDC_ISSUER: must be https/);
    expect(loadConfig({ ...local, OIDC_ALLOW_HTTP: 'true' }).oidc?.allowHttp).toBe(true);
    expect(() =>
      loadConfig({
        ...local,
        OIDC_ALLOW_HTTP: 'true',
        NODE_ENV: 'production',
        PSEUDONYM_KEY: 'k'.repeat(32),
      }),
    ).toThrow(/OIDC_ALLOW_HTTP: not allowed when NODE_ENV=production/);
  });
});
