import { bottlenecksView } from './bottlenecks-view';
import { deadlinesView } from './deadlines-view';
import { goalsView } from './goals-view';
import { mapView } from './map-view';
import { overviewView } from './overview-view';
import { VIEWS, type ViewName } from './route';
import { timelineView } from './timeline-view';
import { tripsView } from './trips-view';
import { variantsView } from './variants-view';
import type { DashboardView } from './view-context';
import { waitsView } from './waits-view';

/**
 * Every dashboard view, by the name the URL gives it (`VIEWS` in route.ts holds the tab order).
 * A new view: its name in `VIEWS`, a file `<name>-view.ts` exporting a `DashboardView`, an entry
 * here and its `view.<name>` label in both catalogues.
 */
const BY_ID: Readonly<Record<ViewName, DashboardView>> = {
  overview: overviewView,
  map: mapView,
  bottlenecks: bottlenecksView,
  trips: tripsView,
  waits: waitsView,
  variants: variantsView,
  deadlines: deadlinesView,
  timeline: timelineView,
  goals: goalsView,
};

/** The dashboard's views in tab order. */
export const DASHBOARD_VIEWS: readonly DashboardView[] = VIEWS.map((id) => BY_ID[id]);

export function dashboardView(id: ViewName): DashboardView {
  return BY_ID[id];
}
