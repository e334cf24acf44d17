// Builds everything that runs under plain Node or in the browser:
//   dist/apps/{api,worker,cli}, dist/libs/*   TypeScript compiled to CommonJS (tsc)
//   dist/apps/web                             the web app bundle (Vite)
// `node tools/build.mjs server` or `web` builds one half.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build: ${command} ${args.join(' ')} failed\n`);
    process.exit(result.status ?? 1);
  }
}

if (!only || only === 'server') run('npx', ['tsc', '-p', 'tsconfig.build.json']);
if (!only || only === 'web')
  run('npx', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
