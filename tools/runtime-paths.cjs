// Resolves @onetrip/* to the compiled libraries under dist/ when a built app runs under plain
// Node (`node -r ./tools/runtime-paths.cjs dist/apps/api/src/main.js`). Development and tests
// resolve the same names to TypeScript sources through tsconfig.base.json and jest.config.js.
const path = require('node:path');
const { register } = require('tsconfig-paths');

const dist = path.resolve(__dirname, '..', 'dist');
register({ baseUrl: dist, paths: { '@onetrip/*': ['libs/*/src/index.js'] } });
