/**
 * Whatever text an export carries — quotes, backslashes, control characters, CJK, emoji, lone
 * surrogates from a \ud800 escape — the event table holds exactly what @onetrip/ingest parsed
 * (lone surrogates as U+FFFD, the only change PostgreSQL forces): the binary COPY encoding of text,
 * instants and jsonb attributes loses nothing.
 */
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { eventIdentity, readEvents, type NormalizedEvent } from '@onetrip/ingest';
import fc from 'fast-check';
import { Client } from 'pg';
import { Readable } from 'node:stream';
import { postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

const wellFormed = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
const text = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    fc.string({
      unit: fc.constantFrom(
        '"',
        '\\',
        '\n',
        '\t',
        '\u0001',
        ',',
        '受',
        '😀',
        '\ud800',
        '\udc00',
        'a',
      ),
      minLength: 1,
      maxLength: 8,
    }),
  )
  .map((s) => s.replace(/\0/g, ''))
  .filter((s) => s.trim().length > 0);
const line = fc.record({
  case_id: text,
  activity: text,
  // Within the plausible range an import accepts (1970 to a year ahead).
  timestamp: fc
    .integer({ min: 0, max: Date.UTC(2025, 11, 31) })
    .map((ms) => new Date(ms).toISOString()),
  resource: fc.option(text, { nil: undefined }),
  窗口: fc.option(text, { nil: undefined }),
  note: fc.option(text, { nil: undefined }),
});

interface StoredRow {
  line: number;
  case_id: string;
  activity: string;
  ts_ms: number;
  resource: string | null;
  attributes: Record<string, string>;
}

describe('any text an export carries', () => {
  const suite = apiSuite('uploads-any-text');

  it('is stored as parsed, in every text column and attribute', async () => {
    // Closed within the test: the suite's database is dropped by apiSuite's afterAll.
    const client = new Client({ connectionString: suite.db.url });
    await client.connect();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), async (lines) => {
          const ndjson = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
          const parsed: { line: number; event: NormalizedEvent }[] = [];
          for await (const r of readEvents(Readable.from([Buffer.from(ndjson)]), {
            file: 'any.ndjson',
            timezone: 'Asia/Shanghai',
          })) {
            if (r.kind === 'event') parsed.push(r);
          }
          const dataset = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
            name: 'any',
          });
          const res = await uploadCsv<UploadDto>(
            `${suite.api.url}/api/v1/datasets/${dataset.body.id}/uploads`,
            { name: 'any.ndjson', content: ndjson },
          );
          expect(res.body).toMatchObject({ status: 'completed', rowsRead: lines.length });
          const stored = await client.query<StoredRow>(
            `SELECT line, case_id, activity, (extract(epoch FROM ts) * 1000)::float8 AS ts_ms,
             resource, attributes FROM event WHERE dataset_id = $1`,
            [dataset.body.id],
          );
          const byLine = new Map(stored.rows.map((r) => [r.line, r]));
          // Repeated lines are stored once (the first); every stored row is its line as parsed.
          const distinct = new Set(parsed.map((p) => eventIdentity(p.event))).size;
          expect(res.body.rowsAccepted).toBe(distinct);
          expect(stored.rows.length).toBe(distinct);
          for (const { line: at, event: e } of parsed) {
            const row = byLine.get(at);
            if (row === undefined) continue;
            const attributes = Object.fromEntries(
              Object.entries(e.attributes).map(([k, v]) => [wellFormed(k), wellFormed(v)]),
            );
            expect(row).toEqual({
              line: at,
              case_id: wellFormed(e.caseId),
              activity: wellFormed(e.activity),
              ts_ms: e.timestamp,
              resource: e.resource == null ? null : wellFormed(e.resource),
              attributes,
            });
          }
        }),
        { numRuns: 15 },
      );
    } finally {
      await client.end();
    }
  }, 120_000);
});
