// Soak: bounded concurrent uploads and dashboard reads for a few minutes (issue 17), not a Jest
// test:
//   node test/bench/soak.bench.mjs [--seconds=180] [--uploaders=2] [--readers=8] [--rows=20000]
//                                  [--datasets=3] [--no-build]
// Builds the server, starts the built api on a database of its own (test/bench/support/
// bench-api.mjs). `uploaders` loops send generated CSVs (unique cases per file; one row in 200
// with a bad timestamp, one in 100 repeating the row before it; every fifth upload re-sends an
// earlier file of its dataset, all duplicates) to `datasets` datasets in turn; `readers` loops
// do what the dashboard does (facets, a journey timeline, the dataset list, runs, upload
// history, health). No new request starts after `seconds`. Prints throughput, p50/p99 per kind,
// the api's peak RSS, and checks that nothing is lost: for each upload, rows in the file =
// rowsRead = accepted + rejected + duplicates (with the expected rejected and duplicates), and per
// dataset, events stored in PostgreSQL = the dataset's eventCount = the sum of accepted. Exits 1
// when a check fails; asserts nothing timed.
import { performance } from 'node:perf_hooks';
import {
  build,
  flags,
  json,
  machine,
  percentile,
  startBenchApi,
  uploadCsv,
} from './support/bench-api.mjs';

const opts = flags({
  seconds: 180,
  uploaders: 2,
  readers: 8,
  rows: 20_000,
  datasets: 3,
  noBuild: false,
});
if (!opts.noBuild) build();

const BAD_EVERY = 200;
const DUPLICATE_EVERY = 100;
const REUPLOAD_EVERY = 5;
const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  service: 'service',
  department: 'department',
  location: 'location',
  channel: 'channel',
};
const channels = ['hall', 'online', 'app', 'mail'];

/** File k: `rows` data rows, its expected rejected and duplicate counts, and its case ids. */
function generate(k) {
  const lines = ['case_id,activity,timestamp,service,department,location,channel'];
  let previous = '';
  let bad = 0;
  let duplicates = 0;
  let t = Date.UTC(2024, 0, 1) + k * 3_600_000;
  for (let i = 1; i <= opts.rows; i++) {
    if (i % DUPLICATE_EVERY === 0 && previous !== '') {
      lines.push(previous);
      duplicates += 1;
      continue;
    }
    const c = Math.floor(i / 10);
    t += 41_000 + (i % 5) * 1000;
    const ts = i % BAD_EVERY === 0 ? 'not-a-date' : new Date(t).toISOString();
    if (i % BAD_EVERY === 0) bad += 1;
    previous =
      `F${k}-C${c},A${i % 10},${ts},Permit ${c % 13},D${c % 7},Hall ${(c + k) % 31},` +
      channels[i % 4];
    lines.push(previous);
  }
  return {
    text: `${lines.join('\n')}\n`,
    rows: lines.length - 1,
    bad,
    duplicates,
    cases: [`F${k}-C1`, `F${k}-C${Math.floor(opts.rows / 20)}`],
  };
}

const bench = await startBenchApi('soak');
let failed = false;
try {
  const datasets = [];
  for (let d = 0; d < opts.datasets; d++) {
    datasets.push(
      (await json('POST', `${bench.base}/api/v1/datasets`, { name: `soak ${d}` })).body,
    );
  }
  /** Per dataset: files sent (for re-uploads), known case ids, and the sum of accepted rows. */
  const state = datasets.map(() => ({ files: [], cases: [], accepted: 0 }));
  const uploads = [];
  const reads = new Map();
  let peakRss = 0;
  const rssSampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, bench.memory('VmRSS'));
    } catch {
      // The api exited: reported below by the failed requests.
    }
  }, 200);
  const t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  let fileCounter = 0;
  let uploadCounter = 0;

  const uploader = async () => {
    while (performance.now() < deadline) {
      const n = uploadCounter++;
      const d = n % datasets.length;
      const s = state[d];
      const again = n % REUPLOAD_EVERY === REUPLOAD_EVERY - 1 && s.files.length > 0;
      const file = again ? s.files[n % s.files.length] : generate(fileCounter++);
      const started = performance.now();
      let r;
      try {
        r = await uploadCsv(bench.base, datasets[d].id, `soak-${n}.csv`, file.text, MAPPING);
      } catch (e) {
        r = { status: 0, body: { error: String(e) } };
      }
      const b = r.body;
      const expected = again
        ? { rejected: file.bad, duplicates: file.rows - file.bad }
        : { rejected: file.bad, duplicates: file.duplicates };
      const ok =
        r.status === 201 &&
        b.rowsRead === file.rows &&
        b.rowsRead === b.rowsAccepted + b.rowsRejected + b.rowsDuplicate &&
        b.rowsRejected === expected.rejected &&
        b.rowsDuplicate === expected.duplicates;
      uploads.push({
        n,
        dataset: d,
        again,
        ok,
        status: r.status,
        ms: performance.now() - started,
        rowsInFile: file.rows,
        rowsRead: b.rowsRead,
        accepted: b.rowsAccepted,
        rejected: b.rowsRejected,
        duplicates: b.rowsDuplicate,
        expected,
        error: r.status === 201 ? undefined : JSON.stringify(b).slice(0, 300),
      });
      if (r.status === 201) s.accepted += b.rowsAccepted;
      if (!again && r.status === 201) {
        s.files.push(file);
        if (s.files.length > 4) s.files.shift();
        s.cases.push(...file.cases);
      }
    }
  };

  const readOnce = async (i) => {
    const kinds = ['facets', 'timeline', 'datasets', 'runs', 'uploads', 'health'];
    const kind = kinds[i % kinds.length];
    // Every kind visits every dataset in turn.
    const d = Math.floor(i / kinds.length) % datasets.length;
    const id = datasets[d].id;
    const cases = state[d].cases;
    const path = {
      facets: `/api/v1/datasets/${id}/facets`,
      timeline:
        cases.length > 0
          ? `/api/v1/datasets/${id}/journeys/${encodeURIComponent(cases[i % cases.length])}/timeline`
          : null,
      datasets: '/api/v1/datasets',
      runs: `/api/v1/datasets/${id}/runs`,
      uploads: `/api/v1/datasets/${id}/uploads`,
      health: '/api/health',
    }[kind];
    if (path === null) return;
    const entry = reads.get(kind) ?? { ms: [], errors: 0, statuses: {} };
    reads.set(kind, entry);
    const s = performance.now();
    try {
      const r = await fetch(`${bench.base}${path}`, { signal: AbortSignal.timeout(30_000) });
      await r.arrayBuffer();
      entry.statuses[r.status] = (entry.statuses[r.status] ?? 0) + 1;
      if (r.status === 200) entry.ms.push(performance.now() - s);
      else entry.errors += 1;
    } catch {
      entry.errors += 1;
    }
  };
  const reader = async (r) => {
    for (let i = r; performance.now() < deadline; i += opts.readers) await readOnce(i);
  };

  await Promise.all([
    ...Array.from({ length: opts.uploaders }, () => uploader()),
    ...Array.from({ length: opts.readers }, (_, r) => reader(r)),
  ]);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(rssSampler);

  // Nothing lost: per upload (checked above) and per dataset.
  const stored = new Map(
    (
      await bench.db.query(`SELECT dataset_id::text AS id, count(*) AS n FROM event GROUP BY 1`)
    ).rows.map((r) => [r.id, Number(r.n)]),
  );
  const perDataset = [];
  for (let d = 0; d < datasets.length; d++) {
    const dto = (await json('GET', `${bench.base}/api/v1/datasets/${datasets[d].id}`)).body;
    const row = {
      dataset: d,
      sumAccepted: state[d].accepted,
      storedEvents: stored.get(datasets[d].id) ?? 0,
      eventCount: dto.eventCount,
    };
    row.ok = row.sumAccepted === row.storedEvents && row.storedEvents === row.eventCount;
    perDataset.push(row);
  }
  const badUploads = uploads.filter((u) => !u.ok);
  failed = badUploads.length > 0 || perDataset.some((d) => !d.ok);

  const ms = (v) => (v === null ? null : Math.round(v));
  const rowsRead = uploads.reduce((a, u) => a + (u.rowsRead ?? 0), 0);
  const allReads = [...reads.values()].flatMap((e) => e.ms);
  console.log(
    JSON.stringify({
      seconds: +seconds.toFixed(1),
      uploaders: opts.uploaders,
      readers: opts.readers,
      uploads: uploads.length,
      reuploads: uploads.filter((u) => u.again).length,
      rowsRead,
      rowsPerSecond: Math.round(rowsRead / seconds),
      uploadP50Ms: ms(
        percentile(
          uploads.map((u) => u.ms),
          50,
        ),
      ),
      uploadP99Ms: ms(
        percentile(
          uploads.map((u) => u.ms),
          99,
        ),
      ),
      reads: allReads.length,
      readsPerSecond: Math.round(allReads.length / seconds),
      readP50Ms: ms(percentile(allReads, 50)),
      readP99Ms: ms(percentile(allReads, 99)),
      apiPeakRssMb: Math.round(Math.max(peakRss, bench.memory('VmHWM')) / 1e6),
    }),
  );
  for (const [kind, e] of reads) {
    console.log(
      JSON.stringify({
        kind,
        ok: e.ms.length,
        errors: e.errors,
        statuses: e.statuses,
        p50Ms: ms(percentile(e.ms, 50)),
        p99Ms: ms(percentile(e.ms, 99)),
      }),
    );
  }
  for (const d of perDataset) console.log(JSON.stringify(d));
  for (const u of badUploads) console.log(JSON.stringify({ lost: u }));
  console.log(
    `${failed ? 'LOST OR MISCOUNTED ROWS' : 'nothing lost'}: ${uploads.length} uploads, ` +
      `file rows = rowsRead = accepted + rejected + duplicates, stored = sum of accepted. ${machine()}`,
  );
} finally {
  await bench.stop();
}
process.exitCode = failed ? 1 : 0;
