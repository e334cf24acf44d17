/**
 * No raw citizen identifier reaches the database. The README's own path — `onetrip simulate`
 * then `onetrip import` with no mapping — maps the simulator's columns, so every citizen_id
 * becomes a citizen key; an export whose 身份证号 / 手机号 columns nobody mapped stores their
 * pseudonyms (`pseudonym:` + the HMAC a citizen key of that value would have); the upload option
 * `identifiers` keeps or drops such a column on purpose; the preview names them beforehand.
 */
import type { DatasetDto, UploadDto, UploadPreviewDto } from '@onetrip/contracts';
import { pseudonymize } from '@onetrip/ingest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runImport } from '../../apps/cli/src/commands/import';
import { simulate } from '../../apps/cli/src/commands/simulate';
import { postJson, uploadCsv } from '../support/http';
import { TEST_PSEUDONYM_KEY, apiSuite } from '../support/services';

// A resident ID with a valid check digit (the example of GB 11643) and a mobile number.
const ID = '11010519491231002X';
const MOBILE = '13800138000';

describe('citizen identifiers on the way into the database', () => {
  const suite = apiSuite('identifiers');
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'onetrip-identifiers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One connection per query: apiSuite drops the database (WITH FORCE) in its own afterAll.
  const client = {
    async query<R extends object>(sql: string, values: unknown[]): Promise<{ rows: R[] }> {
      const c = new Client({ connectionString: suite.db.url });
      await c.connect();
      try {
        return await c.query<R>(sql, values);
      } finally {
        await c.end();
      }
    },
  };

  /** Every stored event of a dataset as the JSON text of its whole row. */
  async function storedRows(datasetId: string): Promise<string[]> {
    const r = await client.query<{ row: string }>(
      'SELECT row_to_json(e)::text AS row FROM event e WHERE dataset_id = $1',
      [datasetId],
    );
    return r.rows.map((x) => x.row);
  }

  it('simulate then import (no mapping given): citizen ids become citizen keys only', async () => {
    const file = path.join(dir, 'sim.csv');
    expect(await simulate.run(['--journeys', '60', '--seed', '7', '--out', file, '--quiet'])).toBe(
      0,
    );
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0]?.split(',') ?? [];
    const col = header.indexOf('citizen_id');
    const rawIds = new Set(lines.slice(1).map((l) => l.split(',')[col] ?? ''));
    expect(rawIds.size).toBeGreaterThan(10);

    let stdout = '';
    let stderr = '';
    const code = await runImport([file, '--dataset', 'simulated', '--api', suite.api.url], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      tty: false,
    });
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain('citizen ← citizen_id');
    const report = JSON.parse(stdout) as UploadDto;
    expect(report.rowsAccepted).toBe(lines.length - 1);

    const counts = await client.query<{ n: string; keyed: string; attributed: string }>(
      `SELECT count(*) AS n, count(citizen_key) AS keyed,
              count(*) FILTER (WHERE attributes <> '{}'::jsonb) AS attributed
         FROM event WHERE dataset_id = $1`,
      [report.datasetId],
    );
    expect(counts.rows[0]).toEqual({
      n: String(lines.length - 1),
      keyed: String(lines.length - 1),
      attributed: '0',
    });
    const keys = await client.query<{ citizen_key: string }>(
      'SELECT DISTINCT citizen_key FROM event WHERE dataset_id = $1',
      [report.datasetId],
    );
    expect(new Set(keys.rows.map((r) => r.citizen_key))).toEqual(
      new Set([...rawIds].map((id) => pseudonymize(id, TEST_PSEUDONYM_KEY))),
    );
    const rows = await storedRows(report.datasetId);
    const leaked = rows.filter((row) => [...rawIds].some((id) => row.includes(`"${id}"`)));
    expect(leaked).toEqual([]);
    // The suggested mapping was saved with the dataset: the next import maps the same way.
    const ds = await fetch(`${suite.api.url}/api/v1/datasets/${report.datasetId}`);
    expect(((await ds.json()) as DatasetDto).mapping).toMatchObject({ citizen: 'citizen_id' });
  });

  const csv =
    '办件编号,环节名称,办理时间,身份证号,手机号,备注\n' +
    `BJ1,受理,2024-03-01 09:00,${ID},${MOBILE},${MOBILE}\n` +
    `BJ1,办结,2024-03-02 16:30,${ID},${MOBILE},材料齐全\n`;
  const mapping = { caseId: '办件编号', activity: '环节名称', timestamp: '办理时间' };
  const pseudonym = (v: string): string => `pseudonym:${pseudonymize(v, TEST_PSEUDONYM_KEY)}`;

  async function newDataset(name: string): Promise<string> {
    return (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name })).body.id;
  }

  it('names the identifier columns in the preview', async () => {
    const id = await newDataset('preview');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'export.csv');
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${id}/uploads/preview`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(200);
    // 备注 carries a mobile number in a sample row.
    expect(((await res.json()) as UploadPreviewDto).identifierColumns).toEqual([
      '身份证号',
      '手机号',
      '备注',
    ]);
  });

  it('stores only pseudonyms of unmapped 身份证号 and 手机号 columns', async () => {
    const id = await newDataset('unmapped identifiers');
    const res = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${id}/uploads`,
      { name: 'export.csv', content: csv },
      mapping,
    );
    expect(res.status).toBe(201);
    const stored = await client.query<{ attributes: Record<string, string> }>(
      'SELECT attributes FROM event WHERE dataset_id = $1 ORDER BY line',
      [id],
    );
    expect(stored.rows.map((r) => r.attributes)).toEqual([
      { 身份证号: pseudonym(ID), 手机号: pseudonym(MOBILE), 备注: pseudonym(MOBILE) },
      { 身份证号: pseudonym(ID), 手机号: pseudonym(MOBILE), 备注: pseudonym('材料齐全') },
    ]);
    for (const row of await storedRows(id)) {
      expect(row).not.toContain(ID);
      expect(row).not.toContain(`"${MOBILE}"`);
    }
  });

  it('keeps or drops a column when the upload says so, and refuses an unknown action', async () => {
    const id = await newDataset('chosen');
    const form = new FormData();
    form.append('mapping', JSON.stringify(mapping));
    form.append('identifiers', JSON.stringify({ 手机号: 'keep', 身份证号: 'drop', 备注: 'keep' }));
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'export.csv');
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${id}/uploads`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(201);
    const stored = await client.query<{ attributes: Record<string, string> }>(
      'SELECT attributes FROM event WHERE dataset_id = $1 ORDER BY line',
      [id],
    );
    expect(stored.rows.map((r) => r.attributes)).toEqual([
      { 手机号: MOBILE, 备注: MOBILE },
      { 手机号: MOBILE, 备注: '材料齐全' },
    ]);

    const bad = new FormData();
    bad.append('identifiers', JSON.stringify({ 手机号: 'hide' }));
    bad.append('file', new Blob([csv], { type: 'text/csv' }), 'export.csv');
    const refused = await fetch(`${suite.api.url}/api/v1/datasets/${id}/uploads`, {
      method: 'POST',
      body: bad,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { code: string }).code).toBe('upload.identifiers-invalid');
  });
});
