// Schema migrations against the entities in libs/backend.
//   node tools/migration.mjs generate <Name>   write libs/backend/src/database/migrations/<ts>-<Name>.ts
//                                              for the difference between the migrations and the entities
//   node tools/migration.mjs check             exit 1 when the entities differ from the migrations
//   node tools/migration.mjs run               apply pending migrations to DATABASE_URL
// Each builds the server code first (node tools/build.mjs server); --no-build uses dist/ as it is.
// generate and check compare on a throwaway database (created next to DATABASE_URL's and dropped
// afterwards), so the result does not depend on the state of your development database.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const migrationsDir = path.join(root, 'libs/backend/src/database/migrations');

function fail(message) {
  process.stderr.write(`migration: ${message}\n`);
  process.exit(1);
}

function build() {
  if (process.argv.includes('--no-build')) return;
  const r = spawnSync(process.execPath, [path.join(root, 'tools/build.mjs'), 'server'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) fail('build failed');
}

function loadBackend() {
  require(path.join(root, 'tools/runtime-paths.cjs'));
  return require(path.join(root, 'dist/libs/backend/src/index.js'));
}

/** Runs fn(dataSource) on a fresh database migrated to the latest migration, then drops it. */
async function withScratchDatabase(backend, fn) {
  const { Client } = require('pg');
  const config = backend.loadConfig();
  const url = new URL(config.databaseUrl);
  const name = `onetrip_migration_${process.pid}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const dataSource = backend.createDataSource(scratch.toString());
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    return await fn(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function pendingSql(dataSource) {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log;
}

const q = (query) =>
  '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

function migrationSource(className, upQueries, downQueries) {
  const lines = (queries) =>
    queries
      .map(
        (s) =>
          `    await queryRunner.query(${q(s.query)}${s.parameters?.length ? `, ${JSON.stringify(s.parameters)}` : ''});`,
      )
      .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...downQueries].reverse())}
  }
}
`;
}

function register(fileBase, className) {
  const indexFile = path.join(migrationsDir, 'index.ts');
  let text = readFileSync(indexFile, 'utf8');
  const importLine = `import { ${className} } from './${fileBase}';\n`;
  const typeImport = text.indexOf("import type { MigrationInterface } from 'typeorm';\n");
  text = text.slice(0, typeImport) + importLine + text.slice(typeImport);
  text = text.replace(/= \[([\s\S]*?)\];/, (_m, list) => {
    const items = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    items.push(className);
    return `= [${items.join(', ')}];`;
  });
  writeFileSync(indexFile, text);
}

const [command, name] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (command === 'generate') {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name))
    fail('usage: node tools/migration.mjs generate <PascalCaseName>');
  build();
  const backend = loadBackend();
  const log = await withScratchDatabase(backend, pendingSql);
  if (log.upQueries.length === 0) {
    process.stdout.write('migration: entities and migrations agree; nothing to generate\n');
    process.exit(0);
  }
  const stamp = Date.now();
  const className = `${name}${stamp}`;
  const fileBase = `${stamp}-${name}`;
  writeFileSync(
    path.join(migrationsDir, `${fileBase}.ts`),
    migrationSource(className, log.upQueries, log.downQueries),
  );
  register(fileBase, className);
  spawnSync('npx', ['prettier', '--write', migrationsDir], { cwd: root, stdio: 'ignore' });
  process.stdout.write(
    `migration: wrote ${path.relative(root, path.join(migrationsDir, fileBase))}.ts (${log.upQueries.length} statements) and registered it\n`,
  );
} else if (command === 'check') {
  build();
  const backend = loadBackend();
  const log = await withScratchDatabase(backend, pendingSql);
  if (log.upQueries.length > 0) {
    process.stderr.write(log.upQueries.map((s) => `  ${s.query}`).join('\n') + '\n');
    fail(
      `entities differ from migrations (${log.upQueries.length} statements); run npm run migration:generate -- <Name>`,
    );
  }
  process.stdout.write('migration: entities and migrations agree\n');
} else if (command === 'run') {
  build();
  const backend = loadBackend();
  const dataSource = backend.createDataSource(backend.loadConfig().databaseUrl);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  await dataSource.destroy();
  process.stdout.write(`migration: applied ${applied.length} migration(s)\n`);
} else {
  fail('usage: node tools/migration.mjs generate <Name> | check | run');
}
