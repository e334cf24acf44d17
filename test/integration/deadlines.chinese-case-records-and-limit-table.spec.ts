/**
 * Issue 12, part 3: case records with Chinese headers and a 承诺办结时间 column, uploaded through
 * the api; then the per-service limit table (CSV, Chinese headers) put on the dataset, which
 * re-mines with it. Beijing time; 2025 Spring Festival holiday Jan 28 – Feb 4, make-up working
 * days Sun Jan 26 and Sat Feb 8.
 *
 * Hand count:
 *   A 不动产登记: accepted Fri Jan 24, done Mon Feb 10. Working days Jan 26, 27, Feb 5, 6, 7, 8,
 *     10 = 7. No limit in the record; the table's 5 → 2 over (legal 30: within).
 *   B 不动产登记: accepted Mon Feb 10, due Fri Feb 21 (record: 9 working days). 补正 Feb 12 →
 *     Feb 17 stops Feb 13, 14, 17: 6 used, on time (the record wins over the table).
 *   C 社保卡申领: accepted Fri Feb 7, done Fri Feb 28. Working days Feb 8 (made up), 10–14,
 *     17–21, 24–28 = 16; the table's 10 → 6 over (legal 20: within).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetDto, ProblemDetails } from '@onetrip/contracts';
import { postJson } from '../support/http';
import { apiWorkerSuite, FIXTURES, mineDataset } from '../support/services';

const CASES = [
  '办件编号,事项名称,环节名称,办理时间,处理部门,办理地点,承诺办结时间',
  'A,不动产登记,受理,2025-01-24 10:00:00,自然资源局,市民中心,',
  'A,不动产登记,办结,2025-02-10 16:00:00,自然资源局,市民中心,',
  'B,不动产登记,受理,2025-02-10 09:00:00,自然资源局,市民中心,2025-02-21',
  'B,不动产登记,告知补正材料,2025-02-12 15:00:00,自然资源局,市民中心,',
  'B,不动产登记,收到补正材料,2025-02-17 10:00:00,自然资源局,市民中心,',
  'B,不动产登记,办结,2025-02-21 16:00:00,自然资源局,市民中心,',
  'C,社保卡申领,受理,2025-02-07 10:00:00,人社局,区政务大厅,',
  'C,社保卡申领,办结,2025-02-28 10:00:00,人社局,区政务大厅,',
  '',
].join('\n');

const MAPPING = {
  caseId: '办件编号',
  service: '事项名称',
  activity: '环节名称',
  timestamp: '办理时间',
  department: '处理部门',
  location: '办理地点',
};

describe('deadlines from case records and an uploaded limit table', () => {
  const suite = apiWorkerSuite('deadlines_limits');
  const url = (path: string) => `${suite.api.url}/api/v1/datasets${path}`;

  function putLimits(datasetId: string, csv: string): Promise<Response> {
    return fetch(url(`/${datasetId}/deadlines/limits`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csv }),
    });
  }

  it('counts the record’s due date first, then re-mines with the table once it is put', async () => {
    const ds = (
      await postJson<DatasetDto>(url(''), { name: '办结时限', timezone: 'Asia/Shanghai' })
    ).body;
    expect(ds.deadlines).toBeNull();
    const body = new FormData();
    body.append('mapping', JSON.stringify(MAPPING));
    body.append('file', new Blob([CASES]), '办件.csv');
    const uploaded = await fetch(url(`/${ds.id}/uploads`), { method: 'POST', body });
    expect(uploaded.status).toBe(201);

    // Only B has a limit (its record's due date).
    const first = await mineDataset(suite.api.url, ds.id);
    expect(first.run.params).not.toHaveProperty('deadlines');
    const before = first.result.insights?.deadlines;
    expect(before?.totals).toMatchObject({ journeys: 3, withLimit: 1, onTime: 1, overdue: 0 });
    expect(before?.withoutLimit).toBe(2);
    expect(before?.limitSources).toEqual({ due: 1, amount: 0, table: 0 });

    const put = await putLimits(
      ds.id,
      readFileSync(join(FIXTURES, 'ok/deadlines/service-limits.csv'), 'utf8'),
    );
    expect(put.status).toBe(200);
    const saved = (await put.json()) as DatasetDto;
    expect(saved.deadlines?.limits.map((l) => [l.service, l.promised, l.legal, l.unit])).toEqual([
      ['不动产登记', 5, 30, 'workdays'],
      ['营业执照办理', 2, null, 'hours'],
      ['社保卡申领', 10, 20, 'workdays'],
    ]);

    const second = await mineDataset(suite.api.url, ds.id);
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.run.params.deadlines?.limits).toHaveLength(3);
    const after = second.result.insights?.deadlines;
    expect(after?.totals).toEqual({
      name: '',
      journeys: 3,
      withLimit: 3,
      onTime: 1,
      overdue: 2,
      onTimeRate: 1 / 3,
      withLegal: 3,
      withinLegal: 3,
    });
    expect(after?.limitSources).toEqual({ due: 1, amount: 0, table: 2 });
    expect(
      after?.overdueJourneys.map((j) => [j.ref.key, j.service, j.hall, j.used, j.over]),
    ).toEqual([
      ['C', '社保卡申领', '区政务大厅', 16, 6],
      ['A', '不动产登记', '市民中心', 7, 2],
    ]);
    expect(after?.byHall.map((r) => [r.name, r.withLimit, r.onTime])).toEqual([
      ['市民中心', 2, 1],
      ['区政务大厅', 1, 0],
    ]);
  });

  it('answers a bad table with the line and column, and keeps the limits it had', async () => {
    const ds = (await postJson<DatasetDto>(url(''), { name: '坏表' })).body;
    const bad = await putLimits(
      ds.id,
      readFileSync(join(FIXTURES, 'not-ok/deadlines/limit-not-a-number.csv'), 'utf8'),
    );
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as ProblemDetails;
    expect(problem).toMatchObject({ code: 'limits.invalid', line: 3, column: '承诺时限' });
    expect(problem.detail).toContain("'两天' is not a number of days or hours");

    // PATCH edits the table as JSON (the web app's editor) and clears it with null.
    const limits = [{ service: '不动产登记', promised: 5, legal: null, unit: 'workdays' }];
    const patched = await fetch(url(`/${ds.id}`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deadlines: { limits } }),
    });
    expect(((await patched.json()) as DatasetDto).deadlines).toEqual({ limits });
    const cleared = await fetch(url(`/${ds.id}`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deadlines: null }),
    });
    expect(((await cleared.json()) as DatasetDto).deadlines).toBeNull();
  });
});
