/**
 * `onetrip import` sends a GBK export with Chinese headers through the api: the dataset is created
 * on the first import, the mapping given on the command line is saved with it, a second import of
 * the same file adds nothing, progress goes to stderr and the report (or problem) to stdout.
 */
import type { DatasetDto, ProblemDetails, UploadDto } from '@onetrip/contracts';
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseImportArgs, runImport } from '../../apps/cli/src/commands/import';
import { getJson } from '../support/http';
import {
  RunningApi,
  TEST_ADMIN,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  startApi,
  testConfig,
} from '../support/services';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** `onetrip import ARGV --token <the test admin's session>` (a token from POST /auth/login). */
async function importCli(
  argv: string[],
  token: string | null = TEST_ADMIN.token,
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runImport(token ? [...argv, '--token', token] : argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    tty: false,
  });
  return { code, stdout, stderr };
}

describe('onetrip import', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    db = await createTestDatabase('cli_import');
    await cleanQueue(db.name);
    api = await startApi(testConfig(db));
    dir = mkdtempSync(path.join(tmpdir(), 'onetrip-import-'));
    file = path.join(dir, '办件导出.csv');
    // 3 cases × 2 steps = 6 events, GBK without any declaration.
    const rows = ['办件编号,环节名称,办理时间'];
    for (const c of ['BJ1', 'BJ2', 'BJ3'])
      rows.push(`${c},受理,2024-03-01 09:00`, `${c},办结,2024-03-02 16:30`);
    writeFileSync(file, iconv.encode(rows.join('\r\n') + '\r\n', 'gbk'));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('reads field flags and --mapping together, the flags winning', () => {
    expect(
      parseImportArgs(
        [
          'x.csv',
          '--dataset',
          'd',
          '--mapping',
          '{"caseId":"a","activity":"b"}',
          '--case=c',
          '--source-system',
          's',
        ],
        {},
      ),
    ).toMatchObject({
      file: 'x.csv',
      dataset: 'd',
      api: 'http://127.0.0.1:3000',
      mapping: { caseId: 'c', activity: 'b', sourceSystem: 's' },
    });
    expect(() => parseImportArgs(['x.csv'], {})).toThrow('--dataset NAME is required');
    expect(() => parseImportArgs(['x.csv', '--dataset', 'd', '--on-error', 'maybe'], {})).toThrow(
      '--on-error is skip or fail',
    );
  });

  it('creates the dataset, imports the GBK file with the given mapping and saves it', async () => {
    const r = await importCli([
      file,
      '--dataset',
      '不动产登记',
      '--api',
      api.url,
      '--case',
      '办件编号',
      '--activity',
      '环节名称',
      '--timestamp',
      '办理时间',
      '--timezone',
      'Asia/Shanghai',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as UploadDto;
    expect(report).toMatchObject({
      fileName: '办件导出.csv',
      status: 'completed',
      rowsRead: 6,
      rowsAccepted: 6,
      rowsDuplicate: 0,
    });
    expect(r.stderr).toContain('created dataset "不动产登记"');
    expect(r.stderr).toMatch(/\[#{30}\] 100% 0\.0\/0\.0 MB/);
    const ds = (await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${report.datasetId}`)).body;
    expect(ds).toMatchObject({
      name: '不动产登记',
      eventCount: 6,
      version: 1,
      mapping: { caseId: '办件编号', activity: '环节名称', timestamp: '办理时间' },
    });
  });

  it('says how to log in when the api refuses it for want of a token', async () => {
    const saved = process.env.ONETRIP_TOKEN;
    delete process.env.ONETRIP_TOKEN;
    try {
      const r = await importCli(
        [file, '--dataset', '不动产登记', '--api', api.url, '--quiet'],
        null,
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('needs a login: pass --token (or set ONETRIP_TOKEN)');
    } finally {
      if (saved !== undefined) process.env.ONETRIP_TOKEN = saved;
    }
  });

  it('imports into the existing dataset with its saved mapping, adding no duplicates', async () => {
    const r = await importCli([file, '--dataset', '不动产登记', '--api', api.url, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 6 });
  });

  it('exits 1 with the problem on stdout when the upload fails', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'case_id,activity,timestamp\nA,受理,not a time\n');
    const r = await importCli([bad, '--dataset', 'strict', '--api', api.url, '--on-error', 'fail']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ProblemDetails).code).toBe('upload.rejected-row');
    expect(r.stderr).toContain('upload.rejected-row: Line 2, column timestamp');
  });

  it('exits 2 on a usage error', async () => {
    const r = await importCli([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dataset NAME is required');
  });

  it('detects a government table with --layout auto and sends no suggested mapping for it', async () => {
    // docs/examples/gbt/special-procedures.csv: 9 procedures, each with a start and an end.
    const special = path.join(
      __dirname,
      '..',
      '..',
      'docs',
      'examples',
      'gbt',
      'special-procedures.csv',
    );
    const r = await importCli([
      special,
      '--dataset',
      '特别程序',
      '--api',
      api.url,
      '--layout',
      'auto',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('onetrip import: layout gbt-special-procedure');
    expect(r.stderr).not.toContain('onetrip import: mapping');
    const report = JSON.parse(r.stdout) as UploadDto;
    expect([report.rowsAccepted, report.rowsRejected]).toEqual([18, 0]);
    const ds = (await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${report.datasetId}`)).body;
    expect(ds.mapping).toBeNull();
  });
});
