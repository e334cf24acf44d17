/**
 * A local redis-server for `onetrip start` when no REDIS_URL is given, as a child process with its
 * working directory under `.data/redis`. When Redis is not installed it is installed with apt-get
 * (root on Debian) or the user is told exactly how to get it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from './ports';
import type { Service } from './service';

export const LOCAL_REDIS_PORT = 63799;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function installRedis(log: (line: string) => void): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && hasCommand('apt-get')) {
    log('redis-server is not installed: installing it with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const result = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      stdio: 'inherit',
      env,
    });
    if (result.status === 0 && hasCommand('redis-server')) return;
  }
  throw new Error(
    'redis-server is not installed. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
      'macOS: `brew install redis`) or point REDIS_URL at a running Redis, then run the command again.',
  );
}

export async function startLocalRedis(
  dataDir: string,
  log: (line: string) => void,
  port = LOCAL_REDIS_PORT,
): Promise<Service> {
  if (!hasCommand('redis-server')) installRedis(log);
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, 10_000);
  log(`local redis-server on 127.0.0.1:${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
