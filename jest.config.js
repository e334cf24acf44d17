// Every test runs in UTC, whatever the machine says (workers inherit this).
process.env.TZ = 'UTC';
// One Jest run for the whole repository, so that CI reads a single JSON result.
// Projects: unit (pure code, node), web (charts and DOM, jsdom), integration (real PostgreSQL,
// Redis and worker processes), e2e (browser against the real api and worker).
// Transpile only (tsconfig.spec.json sets isolatedModules): types are checked by tsc in npm test.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }];
const moduleNameMapper = {
  '^@onetrip/(backend|contracts|ingest|mining|simulator)$': '<rootDir>/libs/$1/src/index.ts',
  // d3 ships ES modules only; its UMD bundle lets Jest load it as CommonJS.
  '^d3$': '<rootDir>/node_modules/d3/dist/d3.js',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper,
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 20000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/*/src/**/*.spec.ts',
        '<rootDir>/apps/{api,worker,cli}/src/**/*.spec.ts',
      ],
    },
    {
      ...base,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'],
      transform: {
        '^.+\\.tsx?$': [
          'ts-jest',
          { tsconfig: '<rootDir>/apps/web/tsconfig.spec.json', diagnostics: false },
        ],
      },
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
    },
  ],
};
