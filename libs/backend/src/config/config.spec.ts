import { ConfigError, DEV_PSEUDONYM_KEY, loadConfig, nestLogLevels } from './config';

describe('configuration from the environment', () => {
  it('falls back to local development defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/onetrip',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'onetrip',
      port: 3000,
      pseudonymKey: DEV_PSEUDONYM_KEY,
      pseudonymKeyIsDefault: true,
      workerConcurrency: 1,
      heavyReadConcurrency: 2,
      logLevel: 'log',
    });
    expect(config.webDist).toMatch(/dist\/apps\/web$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads numbers and treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '8080', MAX_UPLOAD_BYTES: '1000', REDIS_URL: '' });
    expect(config.port).toBe(8080);
    expect(config.maxUploadBytes).toBe(1000);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('bounds concurrent heavy reads by HEAVY_READ_CONCURRENCY, at least one', () => {
    expect(loadConfig({ HEAVY_READ_CONCURRENCY: '4' }).heavyReadConcurrency).toBe(4);
    expect(() => loadConfig({ HEAVY_READ_CONCURRENCY: '0' })).toThrow(/HEAVY_READ_CONCURRENCY/);
  });

  it('names every invalid variable at once', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });

  it('refuses to run in production with the development pseudonym key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PSEUDONYM_KEY/);
    const key = 'a-long-enough-secret-key';
    expect(loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: key }).pseudonymKey).toBe(key);
  });

  it('maps a log level to the levels Nest should print', () => {
    expect(nestLogLevels('warn')).toEqual(['error', 'warn']);
  });
});
