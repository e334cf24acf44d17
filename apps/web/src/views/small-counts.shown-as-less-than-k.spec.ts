/**
 * A result read by a viewer has its small cells hidden by the api (suppressed: true, figures
 * zeroed). The trips view shows "< 5" in their place, in the chart and in its CSV, in both
 * languages; the dashboard says how many figures are hidden; the map's side panel says samples
 * are for analysts.
 */
import '../charts/testing/jsdom-polyfills';
import type { Insights, MiningResult, TripBreakdownRow } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import { suppressionNotice } from './small-counts';
import { createTranslator } from '../i18n/i18n';
import { viewContext } from './testing/view-context';
import { renderOverview } from './overview-view';
import { renderTrips } from './trips-view';
import { renderVariants } from './variants-view';
import { renderWaits } from './waits-view';

const insights = demoResult.insights as Insights;
const row = (value: string, journeys: number): TripBreakdownRow => ({
  value,
  journeys,
  trips: journeys,
  tripsPerJourney: 1,
  atMostOneTripRate: 1,
  zeroTripRate: 0,
});
/** A viewer's result: 政务大厅 has 12 journeys, 不动产登记 had 3 and is hidden. */
const suppressed: MiningResult = {
  ...demoResult,
  insights: {
    ...insights,
    trips: {
      ...insights.trips!,
      byService: [
        row('政务大厅', 12),
        {
          value: '不动产登记',
          journeys: 0,
          trips: 0,
          tripsPerJourney: 0,
          atMostOneTripRate: 0,
          zeroTripRate: 0,
          suppressed: true,
        },
      ],
    },
  },
  suppression: { k: 5, hidden: 3, byPart: { 'insights.trips.byService': 1 }, samplesRemoved: true },
};

const titles = (view: HTMLElement) =>
  [...view.querySelectorAll('[data-card="trips-by-service"] .bar-row title')].map(
    (t) => t.textContent,
  );
const figures = (view: HTMLElement) =>
  [...view.querySelectorAll('[data-card="trips-by-service"] .bar-figure tspan:first-child')].map(
    (t) => t.textContent,
  );

/** The CSV the card's button downloads. */
async function csvOf(view: HTMLElement): Promise<string> {
  let blob: Blob | null = null;
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  URL.createObjectURL = (b: Blob) => {
    blob = b;
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  try {
    view
      .querySelector<HTMLButtonElement>('[data-card="trips-by-service"] [data-export="csv"]')!
      .click();
  } finally {
    URL.createObjectURL = create;
    URL.revokeObjectURL = revoke;
  }
  const got = blob as Blob | null;
  if (!got) throw new Error('no CSV downloaded');
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(got);
  });
}

describe('a suppressed small count', () => {
  it('reads "< 5" in English, in the chart and in the CSV', async () => {
    const view = renderTrips(viewContext(suppressed, 'en'));
    expect(figures(view)).toEqual(['100%', '< 5']);
    expect(titles(view)).toEqual([
      '政务大厅: 100% · 12 journeys',
      '不动产登记: < 5 · < 5 journeys',
    ]);
    const csv = await csvOf(view);
    expect(csv).toContain('不动产登记,< 5,< 5,< 5,< 5,< 5');
    expect(csv).toContain('政务大厅,12,12,1,1,0');
  });

  it('reads "< 5" in Chinese too', async () => {
    const view = renderTrips(viewContext(suppressed, 'zh-CN'));
    expect(figures(view)).toEqual(['100%', '< 5']);
    expect(titles(view)[1]).toBe('不动产登记: < 5 · < 5 个旅程');
    expect(await csvOf(view)).toContain('不动产登记,< 5,< 5,< 5,< 5,< 5');
  });

  it('is counted in a notice on the dashboard, in both languages; none for an analyst', () => {
    expect(suppressionNotice(createTranslator('en'), suppressed)?.textContent).toBe(
      '3 figures describing fewer than 5 journeys are shown as “< 5” so that no citizen can be singled out. Analysts see them.',
    );
    expect(suppressionNotice(createTranslator('zh-CN'), suppressed)?.textContent).toBe(
      '3 项少于 5 个旅程的数字显示为“< 5”，以免识别出具体群众。分析员可以看到这些数字。',
    );
    expect(suppressionNotice(createTranslator('en'), demoResult)).toBeNull();
  });
});

describe('other views of a suppressed result', () => {
  const q = insights.queueWaits;
  const hall = q.byHall[0];
  const viewer: MiningResult = {
    ...demoResult,
    variants: [
      demoResult.variants[0],
      { activities: demoResult.variants[1].activities, count: 0, suppressed: true },
    ],
    insights: {
      ...insights,
      kpis: { ...insights.kpis, journeys: 0, reworkRate: 0, suppressed: true },
      queueWaits: {
        ...q,
        byHall: [
          hall,
          {
            value: '某个小厅',
            count: 0,
            seconds: { mean: 0, median: 0, p90: 0, total: 0 },
            suppressed: true,
          },
        ],
      },
    },
    suppression: { k: 5, hidden: 3, byPart: {}, samplesRemoved: true },
  };

  it('the waits view shows a hall of fewer than 5 waits as "< 5", in both languages', () => {
    for (const [locale, note] of [
      ['en', '< 5 waits'],
      ['zh-CN', '< 5 次等待'],
    ] as const) {
      const view = renderWaits(viewContext(viewer, locale));
      const title = [...view.querySelectorAll('[data-card="queue-by-hall"] .bar-row title')]
        .map((t) => t.textContent ?? '')
        .find((t) => t.startsWith('某个小厅'));
      expect(title).toBe(`某个小厅: < 5 · ${note}`);
    }
  });

  it('the overview reads "< 5" in every KPI card when all its journeys are fewer than 5', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const view = renderOverview(viewContext(viewer, locale));
      expect(view.querySelector('[data-kpi="journeys"] .kpi-value')?.textContent).toBe('< 5');
      expect(view.querySelector('[data-kpi="rework"] .kpi-value')?.textContent).toBe('< 5');
    }
  });

  it('the variants table shows a variant of fewer than 5 journeys as "< 5"', () => {
    const view = renderVariants(viewContext(viewer, 'zh-CN'));
    const second = view.querySelectorAll('[data-testid="variants-table"] tbody tr')[1];
    const cells = [...second.querySelectorAll('td.num')].map((td) => td.textContent);
    // rank, count, coverage, cumulative, lead time
    expect(cells[1]).toBe('< 5');
    expect(cells[2]).toBe('< 5');
    expect(cells[4]).toBe('< 5');
  });
});
