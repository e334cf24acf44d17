/**
 * Issue 13, the monthly report through the real api, worker and PostgreSQL: printable HTML and a
 * PDF rendered by Chromium (text extracted with pdftotext), with the hand-counted figures of the
 * month, the goal measured as of that month, in Chinese and English; managers and above only.
 *
 * The log, by month of 2024 (two cases a month, Beijing time, counted by hand):
 *   Jan: two cases with 2 hall trips each  → 2.0 trips per journey
 *   Feb: one with 2 trips, one with 1      → 1.5
 *   Mar: two with 1 trip                   → 1.0
 *   Apr: one with 1 trip, one online only  → 0.5
 */
import type {
  DatasetDto,
  GoalDto,
  LoginDto,
  ProblemDetails,
  UserWithPasswordDto,
} from '@onetrip/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postJson, uploadCsv } from '../support/http';
import { TEST_AUTH_HEADER } from '../support/test-admin';
import { TRIPS_LOG_HEADER, TRIPS_LOG_MAPPING, tripCaseRows } from '../support/monthly-trips-log';
import { apiWorkerSuite, mineDataset } from '../support/services';

const suite = apiWorkerSuite('report');

const ROWS = [
  TRIPS_LOG_HEADER,
  ...tripCaseRows('J1', 1, 10, 2),
  ...tripCaseRows('J2', 1, 11, 2),
  ...tripCaseRows('F1', 2, 10, 2),
  ...tripCaseRows('F2', 2, 11, 1),
  ...tripCaseRows('M1', 3, 10, 1),
  ...tripCaseRows('M2', 3, 11, 1),
  ...tripCaseRows('A1', 4, 10, 1),
  ...tripCaseRows('A2', 4, 11, 0),
];

async function get(url: string, auth = TEST_AUTH_HEADER, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { authorization: auth, ...headers } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onetrip-report-spec-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the monthly report', () => {
  let reportUrl: string;

  beforeAll(async () => {
    const made = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: '市民中心',
      timezone: 'Asia/Shanghai',
    });
    const id = made.body.id;
    reportUrl = `${suite.api.url}/api/v1/datasets/${id}/report`;
    const before = await get(reportUrl);
    expect([before.status, (JSON.parse(before.body.toString()) as ProblemDetails).code]).toEqual([
      409,
      'report.not-mined',
    ]);
    const upload = await uploadCsv(
      `${suite.api.url}/api/v1/datasets/${id}/uploads`,
      { name: 'permits.csv', content: ROWS.join('\n') + '\n' },
      TRIPS_LOG_MAPPING,
    );
    expect(upload.status).toBe(201);
    await mineDataset(suite.api.url, id, { params: { journey: 'case', lifecycle: 'none' } });
    const goal = await postJson<GoalDto>(`${suite.api.url}/api/v1/datasets/${id}/goals`, {
      title: '群众跑动次数减少六成',
      kpi: 'tripsPerJourney',
      scope: { kind: 'all' },
      baseline: { kind: 'period', period: '2024-01' },
      target: { kind: 'relative', percent: -60 },
      deadline: '2024-12-31',
      owner: '市政务服务办',
    });
    expect(goal.status).toBe(201);
  }, 90_000);

  it('is a printable page of the last month by default, in the language the browser asks for', async () => {
    const page = await get(reportUrl, TEST_AUTH_HEADER, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    const html = page.body.toString('utf8');
    expect(html).toContain('市民中心 · 月度报告 2024-04');
    expect(html).toContain('数据期间：2024-01 至 2024-04');
    // April against March and January: 0.5 / 1.0 / 2.0 trips, −75%.
    expect(html).toMatch(
      /人均跑动次数<\/th><td>0\.50 次<\/td><td>1\.00 次<\/td><td>2\.00 次<\/td><td class="better">−75\.0%/,
    );
    expect(html).toContain('群众跑动次数减少六成');
    expect(html).toContain('<dt>目标</dt><dd>0.80 次</dd>');
  });

  it('measures the goal as of the chosen month', async () => {
    const page = await get(`${reportUrl}?month=2024-02&lang=en`);
    const html = page.body.toString('utf8');
    expect(html).toContain('Monthly report 2024-02');
    expect(html).toMatch(/<dt>Now<\/dt><dd>1\.50 \(2024-02\)<\/dd>/);
  });

  it('prints to a PDF whose text holds the figures, in English and Chinese', async () => {
    const en = await get(`${reportUrl}?month=2024-04&lang=en&format=pdf`);
    expect(en.status).toBe(200);
    expect(en.type).toBe('application/pdf');
    expect(en.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(en.body).replace(/\s+/g, ' ');
    expect(text).toContain('Monthly report 2024-04');
    expect(text).toMatch(/Trips per journey 0\.50 1\.00 2\.00 −75\.0%/);
    expect(text).toContain('Data period: 2024-01 to 2024-04');
    const zh = await get(`${reportUrl}?month=2024-03&lang=zh-CN&format=pdf`);
    const zhText = pdfText(zh.body).replace(/\s+/g, ' ');
    expect(zhText).toContain('月度报告 2024-03');
    expect(zhText).toContain('群众跑动次数减少六成');
  }, 60_000);

  it('names a month without data and refuses viewers', async () => {
    const empty = await get(`${reportUrl}?month=2023-12`);
    expect([empty.status, (JSON.parse(empty.body.toString()) as ProblemDetails).code]).toEqual([
      400,
      'report.month-without-data',
    ]);
    const made = await postJson<UserWithPasswordDto>(`${suite.api.url}/api/v1/users`, {
      username: 'vera-viewer',
      role: 'viewer',
    });
    const login = await postJson<LoginDto>(`${suite.api.url}/api/v1/auth/login`, {
      username: 'vera-viewer',
      password: made.body.password,
    });
    expect((await get(reportUrl, `Bearer ${login.body.token}`)).status).toBe(403);
  });
});
