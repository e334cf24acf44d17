import type { RunFilter } from '@onetrip/contracts';
import type { MapElement } from '../charts/process-map';

export const VIEWS = [
  'overview',
  'map',
  'bottlenecks',
  'trips',
  'waits',
  'variants',
  'deadlines',
  'timeline',
  'goals',
] as const;
export type ViewName = (typeof VIEWS)[number];

export interface MapSettings {
  overlay: 'frequency' | 'time';
  frequency: 'count' | 'coverage';
  stat: 'mean' | 'median' | 'p90';
  of: 'wait' | 'duration';
  /**
   * Share of activities shown, most frequent first (0–100), or `auto` (the default, kept out of
   * the URL): every activity of a small map, the most frequent AUTO_MAP_ACTIVITIES of a large one
   * (a first look at a log with hundreds of activities is otherwise a hairball).
   */
  activities: number | 'auto';
  /** Share of paths shown, most frequent first (0–100). */
  paths: number;
  lanes: 'none' | 'channel' | 'source';
}

export const MAP_DEFAULTS: MapSettings = {
  overlay: 'frequency',
  frequency: 'count',
  stat: 'median',
  of: 'wait',
  activities: 'auto',
  paths: 30,
  lanes: 'none',
};

/** Everything a link must reproduce: dataset, view, filters, map settings and selection. */
export interface Route {
  dataset: string | null;
  view: ViewName;
  filter: RunFilter;
  map: MapSettings;
  selected: MapElement | null;
  journey: { key: string; service: string | null } | null;
  /** Another page than the datasets: the admin's audit log (`#page=audit`). */
  page?: 'audit';
}

export const EMPTY_ROUTE: Route = {
  dataset: null,
  view: 'overview',
  filter: {},
  map: MAP_DEFAULTS,
  selected: null,
  journey: null,
};

const LIST_FIELDS = ['service', 'department', 'location', 'channel'] as const;

/** The filter with empty lists and fields dropped and lists sorted: equal filters, equal keys. */
export function canonicalFilter(filter: RunFilter): RunFilter {
  const out: RunFilter = {};
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  for (const field of LIST_FIELDS) {
    const values = [...new Set(filter[field] ?? [])].filter((v) => v !== '').sort();
    if (values.length > 0) out[field] = values;
  }
  const variants = [
    ...new Set(
      [...(filter.variants ?? []), ...(filter.variant ? [filter.variant] : [])].map(variantToken),
    ),
  ]
    .filter((token) => token !== '')
    .sort();
  if (variants.length > 0) out.variants = variants.map(variantFromToken);
  return out;
}

export function filterKey(filter: RunFilter): string {
  return JSON.stringify(canonicalFilter(filter));
}

export function isEmptyFilter(filter: RunFilter): boolean {
  return filterKey(filter) === '{}';
}

function clamp(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(100, Math.round(value))) : fallback;
}

/** `acts` of a link: a share, else (absent, empty or not a number) `auto`. */
function activitiesParam(value: string | null): number | 'auto' {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? clamp(n, 100) : 'auto';
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

/** In the URL a variant is its activity sequence joined by U+001F (no activity name holds it). */
const STEP = '\u001f';

/** Reads a route from a location hash (`#dataset=…&view=map&service=A&service=B…`). */
export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const filter: RunFilter = {};
  const from = params.get('from');
  const to = params.get('to');
  if (from) filter.from = from;
  if (to) filter.to = to;
  for (const field of LIST_FIELDS) {
    const values = params.getAll(field);
    if (values.length > 0) filter[field] = values;
  }
  const variants = params.getAll('variant');
  if (variants.length > 0) filter.variants = variants.map(variantFromToken);
  let selected: MapElement | null = null;
  const node = params.get('node');
  const edgeFrom = params.get('edgeFrom');
  const edgeTo = params.get('edgeTo');
  if (node) selected = { kind: 'activity', activity: node };
  else if (edgeFrom !== null && edgeTo !== null)
    selected = { kind: 'edge', from: edgeFrom, to: edgeTo };
  const journey = params.get('journey');
  return {
    dataset: params.get('dataset'),
    view: pick(params.get('view'), VIEWS, 'overview'),
    filter: canonicalFilter(filter),
    map: {
      overlay: pick(params.get('overlay'), ['frequency', 'time'] as const, MAP_DEFAULTS.overlay),
      frequency: pick(params.get('freq'), ['count', 'coverage'] as const, MAP_DEFAULTS.frequency),
      stat: pick(params.get('stat'), ['mean', 'median', 'p90'] as const, MAP_DEFAULTS.stat),
      of: pick(params.get('of'), ['wait', 'duration'] as const, MAP_DEFAULTS.of),
      activities: activitiesParam(params.get('acts')),
      paths: clamp(Number(params.get('paths') ?? NaN), MAP_DEFAULTS.paths),
      lanes: pick(params.get('lanes'), ['none', 'channel', 'source'] as const, MAP_DEFAULTS.lanes),
    },
    selected,
    journey: journey ? { key: journey, service: params.get('journeyService') } : null,
    ...(params.get('page') === 'audit' ? { page: 'audit' as const } : {}),
  };
}

/** The hash for a route; defaults are left out so links stay short. */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.dataset) params.set('dataset', route.dataset);
  if (route.view !== 'overview') params.set('view', route.view);
  const filter = canonicalFilter(route.filter);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  for (const field of LIST_FIELDS) {
    for (const value of filter[field] ?? []) params.append(field, value);
  }
  for (const variant of filter.variants ?? []) params.append('variant', variantToken(variant));
  const m = route.map;
  const d = MAP_DEFAULTS;
  if (m.overlay !== d.overlay) params.set('overlay', m.overlay);
  if (m.frequency !== d.frequency) params.set('freq', m.frequency);
  if (m.stat !== d.stat) params.set('stat', m.stat);
  if (m.of !== d.of) params.set('of', m.of);
  // A chosen share is kept even at 100%: it differs from `auto` on a large map.
  if (m.activities !== 'auto') params.set('acts', String(m.activities));
  if (m.paths !== d.paths) params.set('paths', String(m.paths));
  if (m.lanes !== d.lanes) params.set('lanes', m.lanes);
  if (route.selected?.kind === 'activity') params.set('node', route.selected.activity);
  if (route.selected?.kind === 'edge') {
    params.set('edgeFrom', route.selected.from);
    params.set('edgeTo', route.selected.to);
  }
  if (route.journey) {
    params.set('journey', route.journey.key);
    if (route.journey.service) params.set('journeyService', route.journey.service);
  }
  if (route.page) params.set('page', route.page);
  const text = params.toString();
  return text ? `#${text}` : '#';
}

export function variantToken(activities: readonly string[]): string {
  return activities.join(STEP);
}

export function variantFromToken(token: string): string[] {
  return token.split(STEP);
}
