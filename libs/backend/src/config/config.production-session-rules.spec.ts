import { loadConfig } from './config';

const KEY = 'k'.repeat(40);

describe('production session and CORS rules', () => {
  it('refuses COOKIE_SECURE=false in production, and names every problem at once', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        COOKIE_SECURE: 'false',
        CORS_ORIGINS: 'http://bi.example.gov.cn',
      }),
    ).toThrow(
      /PSEUDONYM_KEY: required[\s\S]*COOKIE_SECURE: false sends session cookies over plain http[\s\S]*CORS_ORIGINS: production allows https origins only, not http:\/\/bi\.example\.gov\.cn/,
    );
    expect(loadConfig({ COOKIE_SECURE: 'false' }).cookieSecure).toBe('false'); // development
  });

  it('reads CORS_ORIGINS as a list of origins, empty by default (same origin only)', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    const config = loadConfig({
      NODE_ENV: 'production',
      PSEUDONYM_KEY: KEY,
      CORS_ORIGINS: ' https://a.example.cn, https://b.example.cn:8443 ,',
    });
    expect(config.corsOrigins).toEqual(['https://a.example.cn', 'https://b.example.cn:8443']);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS\.0: a comma-separated/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.cn/app' })).toThrow(
      /CORS_ORIGINS\.0/,
    );
  });

  it('has defaults for the costly-endpoint limit and the session cleanup interval', () => {
    const config = loadConfig({});
    expect(config.costlyRateLimitPerMinute).toBe(60);
    expect(config.sessionCleanupIntervalMs).toBe(900_000);
    expect(() => loadConfig({ SESSION_CLEANUP_INTERVAL_MS: '10' })).toThrow(
      /SESSION_CLEANUP_INTERVAL_MS/,
    );
  });
});
