// Benchmark of one shard's read (not a Jest test): does an expression index on the hash of the
// journey key, or hash partitioning, turn a shard's COPY into a range read instead of a scan?
//   node test/bench/shard-read.bench.mjs                 3,000,000 events, 4 shards
//   node test/bench/shard-read.bench.mjs --events 5000000 --shards 8
// It makes a scratch database of its own (onetrip_bench_shards_<pid>), fills one dataset's
// events with generate_series (the real event columns; 10 events a case, 2 cases a citizen),
// times the COPY of one shard's events in mining order three ways and drops the database.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '3000000' },
    shards: { type: 'string', default: '4' },
    admin: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const events = Number(values.events);
const shards = Number(values.shards);
const name = `onetrip_bench_shards_${process.pid}`;
const DATASET = '00000000-0000-4000-8000-000000000001';

const admin = new pg.Client({ connectionString: values.admin });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(values.admin);
url.pathname = `/${name}`;
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();

/** The hash range of shard `k` of `n` over the int4 space of hashtext (as in shard-range.ts). */
function range(k, n) {
  const span = 2 ** 32;
  return [-(2 ** 31) + Math.floor((k * span) / n), -(2 ** 31) + Math.floor(((k + 1) * span) / n)];
}
const COLUMNS = `case_id, activity, (extract(epoch FROM ts) * 1000)::bigint,
  (extract(epoch FROM start_ts) * 1000)::bigint, lifecycle, resource, citizen_key,
  service, channel, location, department, source_system`;

async function time(label, sql) {
  const t0 = performance.now();
  let bytes = 0;
  await new Promise((resolve, reject) => {
    const stream = db.query(copyStreams.to(sql));
    stream.on('data', (c) => (bytes += c.length));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const ms = performance.now() - t0;
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  ${(bytes / 1e6).toFixed(0)} MB`,
  );
  return ms;
}

async function explain(sql) {
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${sql}`);
  return rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
}

const shardSelect = (table, k) => {
  const [lo, hi] = range(k, shards);
  return `SELECT ${COLUMNS} FROM ${table} WHERE dataset_id = '${DATASET}'
    AND hashtext(case_id) >= ${lo} AND hashtext(case_id) < ${hi}
    ORDER BY case_id, ts, line, identity`;
};
const wholeSelect = (table) =>
  `SELECT ${COLUMNS} FROM ${table} WHERE dataset_id = '${DATASET}' ORDER BY case_id, ts, line, identity`;

try {
  await db.query(
    `CREATE TABLE event ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "dataset_id" uuid NOT NULL, "upload_id" uuid, "identity" text NOT NULL, "case_id" text NOT NULL, "activity" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "start_ts" TIMESTAMP WITH TIME ZONE, "lifecycle" text, "resource" text, "citizen_key" text, "service" text, "channel" text, "location" text, "department" text, "source_system" text, "attributes" jsonb NOT NULL DEFAULT '{}', "line" integer, PRIMARY KEY (dataset_id, identity))`,
  );
  let t0 = performance.now();
  await db.query(`INSERT INTO event (dataset_id, identity, case_id, activity, ts, citizen_key, service, channel, location, department, line)
    SELECT '${DATASET}', md5(i::text), 'C' || (i / 10), 'activity ' || (i % 10),
           timestamptz '2024-01-01' + (i % 10) * interval '1 hour' + (i / 10) * interval '1 minute',
           encode(sha256(('citizen' || (i / 20))::bytea), 'hex'), 'service ' || (i / 10 % 7),
           (ARRAY['hall', 'online'])[1 + i % 2], 'hall ' || (i % 5), 'dept ' || (i % 3), i
    FROM generate_series(0, ${events - 1}) AS i`);
  await db.query(`VACUUM ANALYZE event`);
  console.log(`${events} events loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { rows: size } = await db.query(`SELECT pg_size_pretty(pg_table_size('event')) AS s`);
  console.log(
    `event table: ${size[0].s}; ${shards} shards; PostgreSQL ${(await db.query('SHOW server_version')).rows[0].server_version}\n`,
  );

  await time('whole dataset (one shard, today)', `COPY (${wholeSelect('event')}) TO STDOUT`);
  await time(
    `one shard of ${shards}, no index (full scan)`,
    `COPY (${shardSelect('event', 1)}) TO STDOUT`,
  );
  console.log(await explain(shardSelect('event', 1)));

  t0 = performance.now();
  await db.query(`CREATE INDEX idx_event_case_hash ON event (dataset_id, hashtext(case_id))`);
  await db.query(`ANALYZE event`);
  const { rows: isize } = await db.query(
    `SELECT pg_size_pretty(pg_relation_size('idx_event_case_hash')) AS s`,
  );
  console.log(
    `\nexpression index built in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${isize[0].s}`,
  );
  await time(
    `one shard of ${shards}, expression index`,
    `COPY (${shardSelect('event', 1)}) TO STDOUT`,
  );
  console.log(await explain(shardSelect('event', 1)));
  await db.query(`SET enable_seqscan = off`);
  await time(
    `one shard of ${shards}, index forced (no seq scan)`,
    `COPY (${shardSelect('event', 1)}) TO STDOUT`,
  );
  console.log(await explain(shardSelect('event', 1)));
  await db.query(`RESET enable_seqscan`);
  await db.query(`DROP INDEX idx_event_case_hash`);

  t0 = performance.now();
  await db.query(
    `CREATE TABLE event_part (LIKE event INCLUDING DEFAULTS INCLUDING IDENTITY) PARTITION BY RANGE (hashtext(case_id))`,
  );
  for (let k = 0; k < shards; k += 1) {
    const [lo, hi] = range(k, shards);
    await db.query(
      `CREATE TABLE event_part_${k} PARTITION OF event_part FOR VALUES FROM (${k === 0 ? 'MINVALUE' : lo}) TO (${k === shards - 1 ? 'MAXVALUE' : hi})`,
    );
  }
  await db.query(
    `INSERT INTO event_part (dataset_id, identity, case_id, activity, ts, citizen_key, service, channel, location, department, line) SELECT dataset_id, identity, case_id, activity, ts, citizen_key, service, channel, location, department, line FROM event`,
  );
  await db.query(`VACUUM ANALYZE event_part`);
  console.log(
    `\nrange-partitioned copy (${shards} partitions on hashtext(case_id)) built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await time(
    `one shard of ${shards}, its own partition`,
    `COPY (${shardSelect('event_part', 1)}) TO STDOUT`,
  );
  console.log(await explain(shardSelect('event_part', 1)));
} finally {
  await db.end();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
