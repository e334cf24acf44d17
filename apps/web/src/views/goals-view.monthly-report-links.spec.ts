/** Issue 13: the Goals view links to the monthly report of a chosen month, in the UI language. */
import type { MiningResult } from '@onetrip/contracts';

type KpiSeriesPoint = NonNullable<MiningResult['insights']>['kpiSeries'] extends infer S
  ? S extends { month: { points: (infer P)[] }[] }
    ? P
    : never
  : never;
import { demoResult } from '../charts/fixtures/demo';
import { goalsView } from './goals-view';
import { viewContext } from './testing/view-context';
import type { DashboardContext } from './view-context';

const point = (period: string, journeysStarted: number): KpiSeriesPoint =>
  ({ period, journeysStarted, journeysFinished: journeysStarted }) as KpiSeriesPoint;
// February has journeys finishing only: no report for it.
const result: MiningResult = {
  ...demoResult,
  insights: demoResult.insights && {
    ...demoResult.insights,
    kpiSeries: {
      valueLimit: 20,
      month: [
        {
          scope: 'all',
          value: null,
          journeys: 30,
          points: [point('2025-01', 10), point('2025-02', 0), point('2025-03', 20)],
        },
      ],
      week: [],
      day: [],
    },
  },
};

function context(locale: 'en' | 'zh-CN'): DashboardContext {
  return {
    ...viewContext(result, locale),
    datasetId: 'd 1',
    timeline: null,
    goals: { status: 'done', value: [] },
    facets: null,
    saveGoal: () => Promise.resolve(null),
  };
}

const months = (): string[] => ['2025-01', '2025-03'];

describe('the monthly report links', () => {
  it('offer every month with journeys, the last one chosen, as page and PDF in Chinese', () => {
    const root = goalsView.render(context('zh-CN'));
    const select = root.querySelector<HTMLSelectElement>('[data-testid="report-month"]');
    expect([...(select?.options ?? [])].map((o) => o.value)).toEqual(months());
    const last = months()[months().length - 1];
    expect(select?.value).toBe(last);
    expect(root.querySelector('.goal-report strong')?.textContent).toBe('月度报告');
    expect(root.querySelector('[data-testid="report-html"]')?.getAttribute('href')).toBe(
      `/api/v1/datasets/d%201/report?month=${last}&lang=zh-CN&format=html`,
    );
    expect(root.querySelector('[data-testid="report-pdf"]')?.getAttribute('href')).toBe(
      `/api/v1/datasets/d%201/report?month=${last}&lang=zh-CN&format=pdf`,
    );
  });

  it('follow the chosen month, in English', () => {
    const root = goalsView.render(context('en'));
    const select = root.querySelector<HTMLSelectElement>('[data-testid="report-month"]');
    if (!select) throw new Error('no month select');
    select.value = months()[0];
    select.dispatchEvent(new Event('change'));
    expect(root.querySelector('[data-testid="report-pdf"]')?.getAttribute('href')).toBe(
      `/api/v1/datasets/d%201/report?month=${months()[0]}&lang=en&format=pdf`,
    );
    expect(root.querySelector('[data-testid="report-html"]')?.textContent).toBe('Printable page');
  });
});
