/**
 * Issue 16: "没有取号记录" (no ticket records) was shown when 取号 was the most frequent activity
 * and 叫号 was missing. With tickets but no call, the overview and the waits view name the call
 * as what is missing, with the number of tickets.
 */
import '../charts/testing/jsdom-polyfills';
import type { MiningResult } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import { renderOverview } from './overview-view';
import { viewContext } from './testing/view-context';
import { renderWaits } from './waits-view';

const insights = demoResult.insights;
if (!insights) throw new Error('the demo fixture has insights');
/** The demo as mined when the call activity has another name: 226 tickets, no pair. */
const noCalls: MiningResult = {
  ...demoResult,
  insights: {
    ...insights,
    kpis: { ...insights.kpis, queueWaitSeconds: null },
    trend: insights.trend.map((p) => ({ ...p, queueWaitSeconds: null })),
    queueWaits: { ...insights.queueWaits, count: 0, byHall: [], byHourWeekday: [] },
  },
};

const ctx = viewContext;

describe('tickets without any call', () => {
  it.each([
    ['zh-CN', '有取号但没有叫号记录', '共有 226 次取号，但没有任何叫号记录'],
    [
      'en',
      'tickets but no calls recorded',
      '226 queue tickets were taken, but no ticket was ever called',
    ],
  ] as const)('name the missing call (%s)', (locale, note, reason) => {
    expect(noCalls.insights?.queueWaits.tickets).toBe(226);
    const overview = renderOverview(ctx(noCalls, locale));
    expect(overview.querySelector('[data-kpi="queue"] .kpi-note')?.textContent).toBe(note);
    const waits = renderWaits(ctx(noCalls, locale));
    expect(waits.querySelector('[data-testid="queue-no-calls"]')?.textContent).toContain(reason);
    expect(waits.querySelector('[data-testid="queue-unavailable"]')).toBeNull();
  });

  it('still says there are no ticket records when there are none', () => {
    const none: MiningResult = {
      ...noCalls,
      insights: {
        ...noCalls.insights!,
        queueWaits: { ...noCalls.insights!.queueWaits, tickets: 0 },
      },
    };
    expect(
      renderOverview(ctx(none, 'zh-CN')).querySelector('[data-kpi="queue"] .kpi-note')?.textContent,
    ).toBe('没有取号记录');
  });
});
