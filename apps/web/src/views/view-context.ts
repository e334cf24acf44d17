import type {
  CreateGoalRequest,
  DatasetDto,
  FacetsDto,
  GoalDto,
  Histogram,
  JourneyTimelineDto,
  MiningResult,
} from '@onetrip/contracts';
import type { Column } from '../charts/columns';
import type { MapLayout } from '../charts/process-map';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { Loadable } from '../store/state';
import type { DeadlineActions } from './deadline-limits-editor';
import { el } from './dom';
import type { Route, ViewName } from './route';

/**
 * What a dashboard view renders from: the result of the route's filter, the route, the language.
 * A view reads only this (it fetches nothing) and changes things only through `navigate`.
 */
export interface ViewContext {
  tr: Translator;
  result: MiningResult;
  route: Route;
  /** Changes the route (a history entry unless `replace`). */
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
  timeZone: string;
  /** Layouts kept across filters so that nodes stay put (per dataset). */
  layouts: Map<string, MapLayout>;
  datasetId: string;
}

/** The context the dashboard gives every view: the view context and the data fetched for it. */
export interface DashboardContext extends ViewContext {
  /** The journey timeline the route names, once asked for (the timeline view reads it). */
  timeline: Loadable<JourneyTimelineDto> | null;
  /** The dataset on screen (its settings: the Deadlines view's limit table). */
  dataset?: DatasetDto;
  /** Saving and uploading the limit table, then mining again (absent: not editable). */
  deadlineActions?: DeadlineActions;
  /** The dataset's goals once asked for (the goals view reads them). */
  goals: Loadable<GoalDto[]> | null;
  /** The dataset's facets (values a goal's scope may name), once loaded. */
  facets: FacetsDto | null;
  /** Creates (`goalId` null) or edits a goal: resolves with the error to show, or null. */
  saveGoal: (goalId: string | null, goal: CreateGoalRequest) => Promise<unknown>;
}

/** One tab of the dashboard: an entry of `views/registry.ts`, one file per view. */
export interface DashboardView {
  id: ViewName;
  /** The tab's label in the catalogues. */
  labelKey: MessageKey;
  /** False for a view that is useful when the filter leaves no journeys (the timeline). */
  needsJourneys: boolean;
  render(ctx: DashboardContext): HTMLElement;
}

/**
 * True when the log has channels but not one in-person event under the run's channel roles:
 * every in-person event belongs to a trip, so no trip at all means none counted as in person
 * (typically the channel values are 大厅 / 网上 and only `hall` is set as in person). Trip figures
 * would then read 0 trips and 100% at most one trip: shown as unavailable with the reason instead.
 */
export function noInPersonEvents(result: MiningResult): boolean {
  return result.trips !== null && result.trips.total === 0 && result.summary.journeys > 0;
}

/** A notice standing in for a view (or a card) whose data the dataset lacks. */
export function unavailable(text: string, testId = 'unavailable'): HTMLElement {
  return el(
    'div',
    { class: 'card unavailable', role: 'note', 'data-testid': testId },
    el('p', {}, text),
  );
}

/** Histogram bins as columns, labelled by their lower edge. */
export function histogramColumns(histogram: Histogram, tr: Translator): Column[] {
  return histogram.counts.map((count, i) => {
    const lo = histogram.edgesSeconds[i];
    const hi = histogram.edgesSeconds[i + 1];
    const label = tr.duration(lo);
    return {
      key: String(i),
      label,
      value: count,
      title: `${label} – ${Number.isFinite(hi) ? tr.duration(hi) : '∞'}: ${tr.number(count)}`,
    };
  });
}
