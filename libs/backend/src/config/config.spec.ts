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

  it('shards a run per SHARD_EVENTS events (default 2,000,000), at most MAX_SHARDS (default 64)', () => {
    expect(loadConfig({})).toMatchObject({
      shardEvents: 2_000_000,
      maxShards: 64,
      testFailShardOnce: null,
      testShardBatchDelayMs: 0,
    });
    expect(loadConfig({ SHARD_EVENTS: '500000', MAX_SHARDS: '8' })).toMatchObject({
      shardEvents: 500_000,
      maxShards: 8,
    });
    expect(() => loadConfig({ MAX_SHARDS: '0' })).toThrow(/MAX_SHARDS/);
  });

  it('allows the shard test faults only when NODE_ENV=test', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEST_FAIL_SHARD_ONCE: '2' }).testFailShardOnce).toBe(2);
    expect(() => loadConfig({ TEST_SHARD_BATCH_DELAY_MS: '10' })).toThrow(
      'TEST_SHARD_BATCH_DELAY_MS: only allowed when NODE_ENV=test',
    );
  });

  it('names every invalid variable at once', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });

  it('refuses to run in production without a pseudonym key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /PSEUDONYM_KEY: required when NODE_ENV=production/,
    );
  });

  it('refuses the published development key in production, and accepts it elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: DEV_PSEUDONYM_KEY })).toThrow(
      /PSEUDONYM_KEY: is the published development key/,
    );
    const dev = loadConfig({ NODE_ENV: 'development', PSEUDONYM_KEY: DEV_PSEUDONYM_KEY });
    expect(dev.pseudonymKey).toBe(DEV_PSEUDONYM_KEY);
  });

  it('refuses production keys shorter than 32 bytes, counting UTF-8 bytes', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: 'x'.repeat(31) })).toThrow(
      /PSEUDONYM_KEY: is 31 bytes long; production needs at least 32/,
    );
    // 24 characters, but 32 bytes: each Chinese character is 3 bytes in UTF-8.
    const chinese = `${'x'.repeat(20)}密钥密钥`;
    expect(loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: chinese }).pseudonymKey).toBe(
      chinese,
    );
    const key = 'a'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: key }).pseudonymKey).toBe(key);
    // Outside production a 16-character key is still enough (tests, development).
    expect(loadConfig({ PSEUDONYM_KEY: 'x'.repeat(16) }).pseudonymKeyIsDefault).toBe(false);
  });

  it('maps a log level to the levels Nest should print', () => {
    expect(nestLogLevels('warn')).toEqual(['error', 'warn']);
  });
});
