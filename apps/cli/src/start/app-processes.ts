/**
 * The api and the worker as child processes of `onetrip start`, each printing with a prefix. They
 * run the compiled code under dist/ exactly as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { ChildExit, ChildHandle } from './supervisor';

export interface AppProcess extends ChildHandle {
  name: string;
  child: ChildProcess;
}

export function repoRoot(): string {
  // dist/apps/cli/src/start/app-processes.js -> repository root
  return path.resolve(__dirname, '..', '..', '..', '..', '..');
}

function prefixLines(stream: NodeJS.ReadableStream | null, prefix: string): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on('line', (line) => {
    process.stderr.write(`${prefix} ${line}\n`);
  });
}

/**
 * Node flags per process. The api streams every upload and holds no dataset in memory (its
 * batches live in reused Buffers outside V8's heap), so a bounded old generation keeps its RSS
 * flat. Measured on 1,000,000-event uploads (docs/performance.md#ingestion): Node's defaults
 * peaked at 222–373 MB (bimodal, V8's heap sizing); `--max-old-space-size=192` at 196–250 MB at
 * the same speed; adding the former `--max-semi-space-size=32` costs speed and memory now. The
 * worker holds a run's events (columnar, about 85 bytes per event) and keeps Node's defaults.
 */
export const NODE_FLAGS: Record<'api' | 'worker', readonly string[]> = {
  api: ['--max-old-space-size=192'],
  worker: [],
};

export function startApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv): AppProcess {
  const root = repoRoot();
  const child = spawn(
    process.execPath,
    [
      ...NODE_FLAGS[name],
      '-r',
      path.join(root, 'tools', 'runtime-paths.cjs'),
      path.join(root, 'dist', 'apps', name, 'src', 'main.js'),
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const prefix = name === 'api' ? '[api]   ' : '[worker]';
  prefixLines(child.stdout, prefix);
  prefixLines(child.stderr, prefix);
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // Could not be started at all (no 'exit' follows).
    child.once('error', () => {
      if (child.exitCode === null && child.signalCode === null)
        resolve({ code: null, signal: null });
    });
  });
  const app: AppProcess = {
    name,
    child,
    exited,
    stop: () => stopApp(app),
    ...(child.pid === undefined ? {} : { pid: child.pid }),
  };
  return app;
}

/** SIGTERM, then SIGKILL when the process has not exited after `timeoutMs`. */
export async function stopApp(app: AppProcess, timeoutMs = 10_000): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) {
    app.child.kill('SIGTERM');
    const timer = setTimeout(() => app.child.kill('SIGKILL'), timeoutMs);
    await app.exited;
    clearTimeout(timer);
  }
  await app.exited;
}

/** Polls the api's health endpoint until it answers 200, or throws after `timeoutMs`. */
export async function waitForHealth(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the api did not become healthy at ${baseUrl} within ${timeoutMs / 1000} s`);
}
