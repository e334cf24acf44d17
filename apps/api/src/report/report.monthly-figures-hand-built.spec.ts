/**
 * Issue 13, the monthly report: key figures against the previous and the baseline month, goals
 * measured as of the month's end, league tables ranked with small counts hidden, every name from
 * the data escaped, in both languages.
 */
import type { GoalEntity, MeasuredVersion } from '@onetrip/backend';
import { type KpiSeriesLine, type KpiSeriesPoint } from '@onetrip/mining';
import { toGoalDto } from '../goals/goals.service';
import { buildReportModel, linesUpTo, type ReportInput } from './report-model';
import { renderReport } from './render-report';

const p = (
  period: string,
  journeysStarted: number,
  tripsPerJourney: number,
  atMostOneTripRate: number,
  leadTimeMedianSeconds: number | null = null,
): KpiSeriesPoint => ({
  period,
  journeysStarted,
  journeysFinished: journeysStarted,
  tripsPerJourney,
  atMostOneTripRate,
  zeroTripRate: null,
  leadTimeMedianSeconds,
  leadTimeP90Seconds: null,
  queueWaitMedianSeconds: null,
  abandonedTickets: 0,
  governmentWaitSeconds: null,
  citizenWaitSeconds: null,
  governmentWaitShare: null,
});

const lines: KpiSeriesLine[] = [
  {
    scope: 'all',
    value: null,
    journeys: 300,
    points: [
      p('2025-01', 100, 2, 0.4, 864_000),
      p('2025-02', 100, 1.8, 0.5, 600_000),
      p('2025-03', 100, 1.5, 0.6, 432_000),
    ],
  },
  {
    scope: 'hall',
    value: '东区大厅',
    journeys: 90,
    points: [p('2025-01', 40, 2.2, 0.3), p('2025-03', 50, 1.2, 0.8)],
  },
  {
    scope: 'hall',
    value: '<script>alert(1)</script>',
    journeys: 40,
    points: [p('2025-03', 40, 1.9, 0.55)],
  },
  { scope: 'hall', value: 'tiny hall', journeys: 3, points: [p('2025-03', 3, 1, 1)] },
];

const goalEntity = {
  id: '00000000-0000-4000-8000-000000000001',
  datasetId: '00000000-0000-4000-8000-000000000002',
  title: 'Trips −60% & <b>more</b>',
  kpi: 'tripsPerJourney',
  scopeKind: 'all',
  scopeValue: null,
  direction: 'decrease',
  baseline: { kind: 'period', period: '2025-01' },
  target: { kind: 'relative', percent: -60 },
  deadline: '2025-12-31',
  owner: '市政务服务办',
  createdBy: 'maria',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
} as unknown as GoalEntity;

function input(month: string, smallCountK: number | null, lang: 'en' | 'zh-CN'): ReportInput {
  const version: MeasuredVersion = {
    datasetVersion: 3,
    runId: '00000000-0000-4000-8000-000000000003',
    finishedAt: new Date('2025-04-02T08:00:00Z'),
    month: linesUpTo(lines, month),
  };
  return {
    lang,
    dataset: { id: goalEntity.datasetId, name: '市民中心', timeZone: 'Asia/Shanghai' },
    month,
    lines,
    datasetVersion: 3,
    runId: version.runId,
    measuredAt: '2025-04-02T08:00:00.000Z',
    goals: [toGoalDto(goalEntity, version)],
    smallCountK,
  };
}

describe('the monthly report model', () => {
  it('compares the month with the previous and the first month', () => {
    const model = buildReportModel(input('2025-03', 5, 'en'));
    expect([model.firstMonth, model.lastMonth]).toEqual(['2025-01', '2025-03']);
    const trips = model.kpis.find((r) => r.kpi === 'tripsPerJourney');
    expect(trips).toEqual({
      kpi: 'tripsPerJourney',
      value: 1.5,
      previous: 1.8,
      baseline: 2,
      changeFromBaseline: -0.25,
    });
    // KPIs without any value in the series are left out (no queue, no ratings here).
    expect(model.kpis.map((r) => r.kpi)).not.toContain('queueWaitMedianSeconds');
    expect(model.kpis.map((r) => r.kpi)).not.toContain('satisfaction');
  });

  it('measures the goals as of the month: March for March, February for February', () => {
    const march = buildReportModel(input('2025-03', 5, 'en')).goals[0].progress;
    expect([march.baselineValue, march.targetValue, march.current, march.currentPeriod]).toEqual([
      2,
      0.8,
      1.5,
      '2025-03',
    ]);
    expect(march.progress).toBeCloseTo(0.5 / 1.2, 10);
    const february = buildReportModel(input('2025-02', 5, 'en')).goals[0].progress;
    expect([february.current, february.currentPeriod]).toEqual([1.8, '2025-02']);
  });

  it('ranks halls by the at-most-one-trip rate and hides those under k for managers', () => {
    const model = buildReportModel(input('2025-03', 5, 'en'));
    const halls = model.leagues.find((l) => l.scope === 'hall');
    expect(halls?.rows.map((r) => [r.value, r.journeys, r.figures.atMostOneTripRate])).toEqual([
      ['东区大厅', 50, 0.8],
      ['<script>alert(1)</script>', 40, 0.55],
    ]);
    expect(halls?.rows[0].baseline.atMostOneTripRate).toBe(0.3);
    expect(halls?.hidden).toBe(1);
    const analyst = buildReportModel(input('2025-03', null, 'en'));
    expect(analyst.leagues.find((l) => l.scope === 'hall')?.rows.map((r) => r.value)).toEqual([
      'tiny hall',
      '东区大厅',
      '<script>alert(1)</script>',
    ]);
  });
});

describe('the monthly report page', () => {
  it('shows the figures, the goal card and the league in English, names escaped', () => {
    const html = renderReport(buildReportModel(input('2025-03', 5, 'en')), '2025-04-03T00:00:00Z');
    expect(html).toContain('Monthly report 2025-03');
    expect(html).toContain('Data period: 2025-01 to 2025-03');
    expect(html).toMatch(
      /Trips per journey<\/th><td>1\.50<\/td><td>1\.80<\/td><td>2\.00<\/td><td class="better">−25\.0%/,
    );
    expect(html).toMatch(/Median lead time<\/th><td>5\.0 d<\/td><td>6\.9 d<\/td><td>10\.0 d<\/td>/);
    expect(html).toContain('Trips −60% &amp; &lt;b&gt;more&lt;/b&gt;');
    expect(html).toContain('<dt>Target</dt><dd>0.80</dd>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>more');
    expect(html).toContain('1 with fewer than 5 journeys not shown.');
    expect(html).toMatch(/<svg class="trajectory"[^>]*>.*<path class="actual"/);
  });

  it('in Chinese', () => {
    const html = renderReport(
      buildReportModel(input('2025-03', 5, 'zh-CN')),
      '2025-04-03T00:00:00Z',
    );
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('市民中心 · 月度报告 2025-03');
    expect(html).toContain('数据期间：2025-01 至 2025-03');
    expect(html).toMatch(/人均跑动次数<\/th><td>1\.50 次<\/td>/);
    expect(html).toContain('大厅排名');
    expect(html).toContain('另有 1 项办件数少于 5，未显示。');
  });
});
