/**
 * A redis-server of a test's own, on a free port, without persistence: the test may FLUSHALL or
 * kill it. (The shared Redis on 6379 is never flushed.)
 */
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { freePort } from './services';

export interface PrivateRedis {
  url: string;
  /** A client of its own (closed by `stop`). */
  client: Redis;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  for (let i = 0; ; i += 1) {
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') break;
    } catch (error) {
      client.disconnect();
      if (i > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    client,
    async stop() {
      client.disconnect();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
