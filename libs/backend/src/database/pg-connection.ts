import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const logger = new Logger('Postgres');

/**
 * A dedicated node-postgres connection (for COPY in and out) with an 'error' listener. A
 * connection that drops (the server restarts, the network breaks) emits 'error'; without a
 * listener Node treats that as an unhandled 'error' event and ends the process. With it, the
 * statement in flight (or the next one) fails instead, and the caller answers or retries.
 */
export async function connectPg(databaseUrl: string, applicationName: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, application_name: applicationName });
  client.on('error', (error: Error) => logger.warn(`${applicationName}: ${error.message}`));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Node socket errors that mean "PostgreSQL is not reachable right now". */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server going away: admin/crash shutdown, cannot connect now, too many clients. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages node-postgres and TypeORM give a connection lost without a code. */
const MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Connection is not established/i,
];

/**
 * Whether an error (or its cause, or one of an AggregateError's errors) says the database
 * connection failed or was lost, as opposed to a statement that failed: the api answers those
 * with 503 and the worker retries them.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || /^08/.test(code)) return true;
  }
  if (MESSAGES.some((m) => m.test(error.message))) return true;
  const inner: unknown[] = [error.cause];
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError !== error) inner.push(driverError);
  if (error instanceof AggregateError) inner.push(...(error.errors as unknown[]));
  return inner.some((e) => isConnectionError(e, depth + 1));
}
