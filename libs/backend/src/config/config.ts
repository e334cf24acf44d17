/**
 * The one place that reads the environment. `loadConfig` validates it into a typed, frozen object;
 * `getConfig` caches the result for the process. Everything else receives the object (in Nest
 * through the CONFIG token), so tests can hand in their own without touching `process.env`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { oidcConfigOf, oidcEnvSchema, type OidcConfig } from './oidc-config';

/**
 * The key used when PSEUDONYM_KEY is not set outside production. It is published (here), so
 * its pseudonyms can be reversed by hashing candidate identifiers: development and tests only.
 * (`onetrip start` makes a random key of its own under the data dir instead.)
 */
export const DEV_PSEUDONYM_KEY = 'onetrip-development-pseudonym-key-do-not-use-in-production';
/** The shortest key production accepts, in UTF-8 bytes (HMAC-SHA256's output size). */
export const PRODUCTION_KEY_MIN_BYTES = 32;

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function repoRoot(): string {
  // Walk up from this file (src/ in development, dist/ when built) to the workspace root.
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

const integer = (min: number) => z.coerce.number().int().min(min);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/onetrip'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only')
    .default('onetrip'),
  PORT: integer(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  WEB_DIST: z.string().min(1).optional(),
  PSEUDONYM_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  MAX_UPLOAD_BYTES: integer(1).default(1024 * 1024 * 1024),
  MAX_REJECTED_ROWS_KEPT: integer(0).default(100_000),
  WORKER_CONCURRENCY: integer(1).max(64).default(1),
  HEAVY_READ_CONCURRENCY: integer(1).max(64).default(2),
  JOB_ATTEMPTS: integer(1).max(50).default(8),
  JOB_BACKOFF_MS: integer(10).default(5000),
  RECONCILE_INTERVAL_MS: integer(100).default(30_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('log'),
  SESSION_TTL_MINUTES: integer(1).default(12 * 60),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_MAX_FAILURES: integer(1).default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: integer(1).default(15),
  ...oidcEnvSchema,
  SMALL_COUNT_K: integer(1).max(1000).default(5),
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^/\s]+$/,
            'a comma-separated list of origins like https://bi.city.gov.cn (scheme and host, no path)',
          ),
      ),
    )
    .default([]),
  COSTLY_RATE_LIMIT_PER_MINUTE: integer(1).default(60),
  SESSION_CLEANUP_INTERVAL_MS: integer(100).default(15 * 60_000),
  REQUEST_TIMEOUT_MS: integer(0).default(3_600_000),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SHARD_EVENTS: integer(1).default(2_000_000),
  MAX_SHARDS: integer(1).max(1024).default(64),
  // Faults for integration tests only (refused unless NODE_ENV=test).
  TEST_FAIL_SHARD_ONCE: integer(0).optional(),
  TEST_SHARD_BATCH_DELAY_MS: integer(0).optional(),
});

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly port: number;
  readonly host: string;
  /** Directory of the built web app, served at `/` when it exists. */
  readonly webDist: string;
  readonly pseudonymKey: string;
  /** True when PSEUDONYM_KEY was not set and the development key is in use. */
  readonly pseudonymKeyIsDefault: boolean;
  readonly maxUploadBytes: number;
  /** Rejected rows stored per upload (the first ones); the rest are only counted. */
  readonly maxRejectedRowsKept: number;
  readonly workerConcurrency: number;
  /** Full scans of the event table (facets, timelines) one api process runs at once. */
  readonly heavyReadConcurrency: number;
  /** Tries per job; between them Bull waits jobBackoffMs, doubling each time. */
  readonly jobAttempts: number;
  readonly jobBackoffMs: number;
  /** How often a worker checks unfinished runs against their jobs. */
  readonly reconcileIntervalMs: number;
  readonly logLevel: LogLevel;
  /** A session lives this long after its last request (sliding). */
  readonly sessionTtlMs: number;
  /** Secure cookie flag: 'auto' = on in production or when the request came over https. */
  readonly cookieSecure: 'auto' | 'true' | 'false';
  /** Failed logins per username and address within the window before login answers 429. */
  readonly loginMaxFailures: number;
  readonly loginFailureWindowMs: number;
  /** OIDC single sign-on, or null when OIDC_ISSUER is not set (decision 0022). */
  readonly oidc: OidcConfig | null;
  /** Breakdown cells of fewer journeys are hidden from viewers and managers (docs/security.md). */
  readonly smallCountK: number;
  /** Other origins whose pages may call the api with credentials (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  /** Requests per caller and minute to the costly endpoints (uploads, runs, facets, …). */
  readonly costlyRateLimitPerMinute: number;
  /** How often the api deletes expired sessions and login links. */
  readonly sessionCleanupIntervalMs: number;
  /** How long one request (an upload's whole body included) may take; 0 = no limit. */
  readonly requestTimeoutMs: number;
  /** The Chromium that prints monthly reports to PDF. */
  readonly chromiumPath: string;
  /** A run gets one shard per this many events of its dataset (at most maxShards). */
  readonly shardEvents: number;
  readonly maxShards: number;
  /** Test faults: this shard number fails once after storing its partial. */
  readonly testFailShardOnce: number | null;
  /** Test faults: mining (a shard or a whole run) sleeps this long after every 1024 events. */
  readonly testShardBatchDelayMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Validates an environment (by default the process's) into an AppConfig; throws ConfigError. */
export function loadConfig(env: Env = process.env): AppConfig {
  // Empty strings count as unset, as in most dotenv files.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const faults = ['TEST_FAIL_SHARD_ONCE', 'TEST_SHARD_BATCH_DELAY_MS'] as const;
  const fault = faults.find((name) => e[name] !== undefined);
  if (fault && e.NODE_ENV !== 'test') {
    throw new ConfigError(`invalid environment:\n  ${fault}: only allowed when NODE_ENV=test`);
  }
  if (e.NODE_ENV === 'production') {
    const problem = productionKeyProblem(e.PSEUDONYM_KEY);
    const problems = [
      ...(problem ? [`PSEUDONYM_KEY: ${problem}`] : []),
      ...productionSessionProblems(e.COOKIE_SECURE, e.CORS_ORIGINS),
    ];
    if (problems.length > 0) {
      throw new ConfigError(`invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    }
  }
  const oidcProblems: string[] = [];
  const oidc = oidcConfigOf(e, e.NODE_ENV === 'production', oidcProblems);
  if (oidcProblems.length > 0) {
    throw new ConfigError(`invalid environment:\n${oidcProblems.map((p) => `  ${p}`).join('\n')}`);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    port: e.PORT,
    host: e.HOST,
    webDist: path.resolve(e.WEB_DIST ?? path.join(repoRoot(), 'dist', 'apps', 'web')),
    pseudonymKey: e.PSEUDONYM_KEY ?? DEV_PSEUDONYM_KEY,
    pseudonymKeyIsDefault: !e.PSEUDONYM_KEY,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxRejectedRowsKept: e.MAX_REJECTED_ROWS_KEPT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    heavyReadConcurrency: e.HEAVY_READ_CONCURRENCY,
    jobAttempts: e.JOB_ATTEMPTS,
    jobBackoffMs: e.JOB_BACKOFF_MS,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_MINUTES * 60_000,
    cookieSecure: e.COOKIE_SECURE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginFailureWindowMs: e.LOGIN_FAILURE_WINDOW_MINUTES * 60_000,
    oidc,
    smallCountK: e.SMALL_COUNT_K,
    corsOrigins: Object.freeze(e.CORS_ORIGINS),
    costlyRateLimitPerMinute: e.COSTLY_RATE_LIMIT_PER_MINUTE,
    sessionCleanupIntervalMs: e.SESSION_CLEANUP_INTERVAL_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    chromiumPath: e.CHROMIUM_PATH,
    shardEvents: e.SHARD_EVENTS,
    maxShards: e.MAX_SHARDS,
    testFailShardOnce: e.TEST_FAIL_SHARD_ONCE ?? null,
    testShardBatchDelayMs: e.TEST_SHARD_BATCH_DELAY_MS ?? 0,
  });
}

/** Why a key cannot be used in production, or null when it can. */
function productionKeyProblem(key: string | undefined): string | null {
  if (!key) return 'required when NODE_ENV=production (e.g. `openssl rand -hex 32`)';
  if (key === DEV_PSEUDONYM_KEY) {
    return 'is the published development key, whose pseudonyms anyone can reverse; set a secret one';
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes < PRODUCTION_KEY_MIN_BYTES) {
    return `is ${bytes} bytes long; production needs at least ${PRODUCTION_KEY_MIN_BYTES} (e.g. \`openssl rand -hex 32\`)`;
  }
  return null;
}

/**
 * Session rules of production (decision 0020). Sessions are random tokens stored as hashes, so
 * there is no signing secret to forget; what can leak them is a cookie sent over plain http or a
 * page of another origin allowed to call the api with credentials over http.
 */
function productionSessionProblems(cookieSecure: string, corsOrigins: string[]): string[] {
  const problems: string[] = [];
  if (cookieSecure === 'false') {
    problems.push(
      'COOKIE_SECURE: false sends session cookies over plain http; production needs auto or true',
    );
  }
  const plain = corsOrigins.filter((o) => !o.startsWith('https://'));
  if (plain.length > 0) {
    problems.push(`CORS_ORIGINS: production allows https origins only, not ${plain.join(', ')}`);
  }
  return problems;
}

let cached: AppConfig | undefined;

/** The process's configuration, validated on first use. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** Nest injection token for AppConfig. */
export const CONFIG = Symbol('onetrip.config');

/** Log levels Nest should print for a configured level (each includes the more severe ones). */
export function nestLogLevels(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
