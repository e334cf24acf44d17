import { CATALOGUES, LOCALES } from '../i18n/i18n';
import { DASHBOARD_VIEWS, dashboardView } from './registry';
import { VIEWS } from './route';

describe('the view registry', () => {
  it('lists one view per route name, in tab order, each under its own name', () => {
    expect(DASHBOARD_VIEWS.map((view) => view.id)).toEqual([...VIEWS]);
    for (const id of VIEWS) expect(dashboardView(id).id).toBe(id);
  });

  it('labels every tab in both catalogues', () => {
    for (const locale of LOCALES) {
      for (const view of DASHBOARD_VIEWS) {
        expect([locale, view.labelKey, CATALOGUES[locale][view.labelKey]]).toEqual([
          locale,
          view.labelKey,
          expect.stringMatching(/\S/),
        ]);
      }
    }
  });

  it('keeps the journey timeline and the goals reachable when a filter leaves no journeys', () => {
    expect(DASHBOARD_VIEWS.filter((view) => !view.needsJourneys).map((view) => view.id)).toEqual([
      'timeline',
      'goals',
    ]);
  });
});
