#!/usr/bin/env node
// Entry point of `npx onetrip`: runs the compiled CLI from dist/ (built by `npm run build`).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const main = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('onetrip: not built yet. Run `npm run build` in ' + root + ' first.\n');
  process.exit(2);
}
require(path.join(root, 'tools', 'runtime-paths.cjs'));
require(main);
