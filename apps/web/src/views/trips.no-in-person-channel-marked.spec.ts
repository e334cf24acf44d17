/**
 * Issue 16: channel values 大厅 / 网上 / 后台 while only `hall` is in person. Not one trip: the
 * overview must not claim 0.00 trips per journey and 100% at most one trip, nor the trips view
 * 100% for every service; both say that no channel value is set as in person.
 */
import '../charts/testing/jsdom-polyfills';
import type { MiningResult } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import { renderOverview } from './overview-view';
import { viewContext } from './testing/view-context';
import { renderTrips } from './trips-view';
import { noInPersonEvents } from './view-context';

const journeys = demoResult.summary.journeys;
/** The demo result as mined with an in-person list that matches none of its channel values. */
const noHall: MiningResult = {
  ...demoResult,
  trips: { total: 0, perJourneyMean: 0, distribution: { '0': journeys }, atMostOneRate: 1 },
  insights: demoResult.insights && {
    ...demoResult.insights,
    kpis: {
      ...demoResult.insights.kpis,
      tripsPerJourney: 0,
      atMostOneTripRate: 1,
      zeroTripRate: 1,
    },
  },
};

const ctx = viewContext;

describe('a result without one in-person event', () => {
  it('is told apart from a log without channels and from one with trips', () => {
    expect(noInPersonEvents(noHall)).toBe(true);
    expect(noInPersonEvents(demoResult)).toBe(false);
    expect(noInPersonEvents({ ...demoResult, trips: null })).toBe(false);
  });

  it.each([
    ['en', 'no channel value is set as in person'],
    ['zh-CN', '没有渠道值被设为现场'],
  ] as const)('shows no trip KPI but the reason (%s)', (locale, reason) => {
    const view = renderOverview(ctx(noHall, locale));
    for (const kpi of ['trips', 'at-most-one', 'zero-trip']) {
      expect(view.querySelector(`[data-kpi="${kpi}"] .kpi-value`)?.textContent).toBe('–');
      expect(view.querySelector(`[data-kpi="${kpi}"] .kpi-note`)?.textContent).toBe(reason);
    }
    // The figures that do not depend on the channel roles stay.
    expect(view.querySelector('[data-kpi="journeys"] .kpi-value')?.textContent).not.toBe('–');
  });

  it('replaces the trip distribution and the 100% rates by the reason', () => {
    const view = renderTrips(ctx(noHall));
    expect(view.querySelector('[data-testid="trips-no-in-person"]')?.textContent).toContain(
      'No event counts as an in-person visit',
    );
    expect(view.querySelector('[data-card="trips-distribution"]')).toBeNull();
    expect(view.querySelector('[data-card="trips-by-service"]')).toBeNull();
    const normal = renderTrips(ctx(demoResult));
    expect(normal.querySelector('[data-testid="trips-no-in-person"]')).toBeNull();
    expect(normal.querySelector('[data-card="trips-distribution"]')).not.toBeNull();
    expect(normal.querySelector('[data-card="trips-by-service"]')).not.toBeNull();
  });
});
