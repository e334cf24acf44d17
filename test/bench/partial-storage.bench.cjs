// Benchmark of storing a shard's partial result (not a Jest test): jsonb against bytea (the same
// JSON, gzip-compressed), size in PostgreSQL and time to write and to read back into a partial.
// Run after `node tools/build.mjs server`:
//   node -r ./tools/runtime-paths.cjs test/bench/partial-storage.bench.cjs [--journeys 20000]
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('node:util');
const zlib = require('node:zlib');
const pg = require('pg');
const { createMiner, partialToJson, partialFromJson } = require('@onetrip/mining');
const { simulateJourneys, resolveOptions } = require('@onetrip/simulator');

const { values } = parseArgs({
  options: {
    journeys: { type: 'string', default: '20000' },
    admin: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});

async function main() {
  const miner = createMiner({ journey: 'citizen+service', inPerson: ['hall'], insights: {} });
  for (const j of simulateJourneys(
    resolveOptions({ journeys: Number(values.journeys), seed: 'partial' }),
  )) {
    for (const e of j.events) {
      miner.add({
        caseId: e.caseId,
        activity: e.activity,
        timestamp: e.timestamp,
        startTimestamp: e.startTimestamp,
        citizen: e.citizenId,
        service: e.service,
        channel: e.channel,
        location: e.location,
        department: e.department,
        resource: e.resource,
        sourceSystem: e.sourceSystem,
      });
    }
  }
  const json = partialToJson(miner.partial());
  const text = JSON.stringify(json);
  const name = `onetrip_bench_partial_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.admin });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(values.admin);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const time = async (label, fn, runs = 5) => {
    const ms = [];
    for (let i = 0; i < runs; i += 1) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(40)} ${ms[Math.floor(runs / 2)].toFixed(1).padStart(8)} ms (median of ${runs})`,
    );
  };
  try {
    console.log(`${miner.eventCount} events; partial JSON ${(text.length / 1024).toFixed(0)} KiB`);
    await db.query(`CREATE TABLE j (id int PRIMARY KEY, partial jsonb)`);
    await db.query(`CREATE TABLE b (id int PRIMARY KEY, partial bytea)`);
    await time('write jsonb (stringify + insert)', () =>
      db.query(
        `INSERT INTO j VALUES (1, $1::jsonb) ON CONFLICT (id) DO UPDATE SET partial = excluded.partial`,
        [JSON.stringify(json)],
      ),
    );
    await time('write bytea (stringify + gzip + insert)', () =>
      db.query(
        `INSERT INTO b VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET partial = excluded.partial`,
        [zlib.gzipSync(JSON.stringify(json))],
      ),
    );
    await time('read jsonb into a partial', async () => {
      const { rows } = await db.query(`SELECT partial FROM j WHERE id = 1`);
      partialFromJson(rows[0].partial);
    });
    await time('read bytea into a partial', async () => {
      const { rows } = await db.query(`SELECT partial FROM b WHERE id = 1`);
      partialFromJson(JSON.parse(zlib.gunzipSync(rows[0].partial).toString('utf8')));
    });
    const { rows } = await db.query(
      `SELECT (SELECT pg_column_size(partial) FROM j) AS j, (SELECT pg_column_size(partial) FROM b) AS b`,
    );
    console.log(
      `stored size: jsonb ${(rows[0].j / 1024).toFixed(0)} KiB (TOAST-compressed), bytea gzip ${(rows[0].b / 1024).toFixed(0)} KiB`,
    );
  } finally {
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
