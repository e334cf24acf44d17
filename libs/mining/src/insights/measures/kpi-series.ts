/**
 * Insights.kpiSeries: the headline KPIs over time, per month, ISO week and day of journey start,
 * for every journey and per service, department, hall and channel: the series managers' goals are
 * measured on (docs/mining.md#kpi-series). A cell is the KPI trend's period partial (kpis/kpis.ts:
 * the same KPI files, so a KPI is defined once) plus two counts only the series has: journeys
 * finished in the period (by their last event) and abandoned queue tickets.
 *
 * A journey counts under its service (the first non-empty value, as trip breakdowns count it),
 * under every department it touches, every hall where it made a trip and every channel it used.
 * Day cells are kept for 'all' only (a year of days per hall would outgrow the rest of the
 * partial). The partial keeps every value, so merging is exact; the result keeps the
 * SERIES_VALUE_LIMIT values with the most journeys per scope kind.
 */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import { ratio, seconds } from '../../figures';
import type {
  KpiGranularity,
  KpiScopeKind,
  KpiSeries,
  KpiSeriesLine,
  KpiSeriesPoint,
} from '../../insights-types';
import { getOrAdd } from '../../maps';
import {
  addToPeriod,
  emptyPeriod,
  kpisOf,
  mergePeriod,
  periodFromJson,
  periodToJson,
  type PeriodJson,
  type PeriodPartial,
} from '../kpis/kpis';
import { insightMeasure } from '../measure';

/** Values per scope kind in the result (the partial keeps all of them). */
export const SERIES_VALUE_LIMIT = 20;

const GRANULARITIES: readonly KpiGranularity[] = ['month', 'week', 'day'];
const SCOPES: readonly KpiScopeKind[] = ['all', 'service', 'department', 'hall', 'channel'];

export interface SeriesCell extends PeriodPartial {
  finished: number;
  abandoned: number;
}

export type SeriesCellJson = PeriodJson & { finished: number; abandoned: number };

/** Key: granularity, scope kind, value ('' for none), period. */
type CellKey = [KpiGranularity, KpiScopeKind, string, string];

export interface KpiSeriesPartial {
  /** By JSON.stringify(CellKey). */
  kpiSeries: Map<string, SeriesCell>;
}

export interface KpiSeriesJson {
  /** Absent in partials stored before the series existed. */
  kpiSeries?: [CellKey, SeriesCellJson][];
}

function emptyCell(): SeriesCell {
  return Object.assign(emptyPeriod(), { finished: 0, abandoned: 0 });
}

export const kpiSeries = insightMeasure<KpiSeriesPartial, KpiSeriesJson>({
  empty: () => ({ kpiSeries: new Map() }),
  tally: (target, context) => {
    const { store, columns, calendar } = context;
    const cell = (key: CellKey): SeriesCell =>
      getOrAdd(target.kpiSeries, JSON.stringify(key), emptyCell);
    const departments: number[] = [];
    const halls: number[] = [];
    const channels: number[] = [];
    return {
      addJourney: (journey) => {
        const { buf, lo, hi, tripOf, start, leadTime } = journey.facts;
        departments.length = 0;
        halls.length = 0;
        channels.length = 0;
        let service = NONE;
        for (let k = lo; k < hi; k += 1) {
          const i = buf.sorted[k];
          const e = buf.order[i];
          if (service === NONE) service = columns.serviceOf[e] ?? NONE;
          const department = columns.departmentOf[e] ?? NONE;
          if (department !== NONE && !departments.includes(department)) {
            departments.push(department);
          }
          if (tripOf[k - lo] > 0 && !halls.includes(buf.location[i])) halls.push(buf.location[i]);
          const channel = buf.channel[i];
          if (channel !== NONE && !channels.includes(channel)) channels.push(channel);
        }
        const values: [KpiScopeKind, string][] = [
          ['all', ''],
          ['service', service === NONE ? '' : columns.services.decode(service)],
        ];
        if (departments.length === 0) values.push(['department', '']);
        for (const d of departments) values.push(['department', columns.departments.decode(d)]);
        for (const h of halls) values.push(['hall', h === NONE ? '' : store.locations.decode(h)]);
        for (const c of channels) values.push(['channel', store.channels.decode(c)]);
        const begun = calendar.fields(start);
        const ended = calendar.fields(start + leadTime);
        const abandoned = journey.queue.abandoned.length;
        for (const granularity of GRANULARITIES) {
          const from = begun[granularity === 'month' ? 'period' : granularity];
          const to = ended[granularity === 'month' ? 'period' : granularity];
          for (const [scope, value] of values) {
            if (granularity === 'day' && scope !== 'all') continue;
            const started = cell([granularity, scope, value, from]);
            addToPeriod(started, journey, context);
            started.abandoned += abandoned;
            cell([granularity, scope, value, to]).finished += 1;
          }
        }
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    for (const [key, c] of source.kpiSeries) {
      const t = getOrAdd(target.kpiSeries, key, emptyCell);
      mergePeriod(t, c);
      t.finished += c.finished;
      t.abandoned += c.abandoned;
    }
  },
  toJson: (p) => ({
    kpiSeries: [...p.kpiSeries].map(([key, c]): [CellKey, SeriesCellJson] => [
      JSON.parse(key) as CellKey,
      { ...periodToJson(c), finished: c.finished, abandoned: c.abandoned },
    ]),
  }),
  fromJson: (json) => ({
    kpiSeries: new Map(
      (json.kpiSeries ?? []).map(([key, c]) => [
        JSON.stringify(key),
        Object.assign(periodFromJson(c), { finished: c.finished, abandoned: c.abandoned }),
      ]),
    ),
  }),
  finalize: (p, { withTrips }) => ({ kpiSeries: finishSeries(p.kpiSeries, withTrips) }),
});

function finishSeries(cells: Map<string, SeriesCell>, withTrips: boolean): KpiSeries {
  // granularity → scope → value → period → cell
  const lines = new Map<string, { key: CellKey; periods: [string, SeriesCell][] }>();
  for (const [text, c] of cells) {
    const key = JSON.parse(text) as CellKey;
    const lineKey = JSON.stringify(key.slice(0, 3));
    getOrAdd(lines, lineKey, () => ({ key, periods: [] })).periods.push([key[3], c]);
  }
  const series: KpiSeries = { valueLimit: SERIES_VALUE_LIMIT, month: [], week: [], day: [] };
  for (const granularity of GRANULARITIES) {
    for (const scope of SCOPES) {
      const found: KpiSeriesLine[] = [];
      for (const { key, periods } of lines.values()) {
        if (key[0] !== granularity || key[1] !== scope) continue;
        periods.sort((a, b) => compareStrings(a[0], b[0]));
        let journeys = 0;
        for (const [, c] of periods) journeys += c.journeys;
        found.push({
          scope,
          value: scope === 'all' || key[2] === '' ? null : key[2],
          journeys,
          points: periods.map(([period, c]) => point(period, c, withTrips)),
        });
      }
      found.sort((a, b) => b.journeys - a.journeys || compareStrings(a.value ?? '', b.value ?? ''));
      series[granularity].push(...found.slice(0, SERIES_VALUE_LIMIT));
    }
  }
  return series;
}

function point(period: string, c: SeriesCell, withTrips: boolean): KpiSeriesPoint {
  const counts = { period, journeysStarted: c.journeys, journeysFinished: c.finished };
  if (c.journeys === 0) {
    // Only journeys that finished here: nothing else is about this period.
    return {
      ...counts,
      tripsPerJourney: null,
      atMostOneTripRate: null,
      zeroTripRate: null,
      leadTimeMedianSeconds: null,
      leadTimeP90Seconds: null,
      queueWaitMedianSeconds: null,
      abandonedTickets: 0,
      governmentWaitSeconds: null,
      citizenWaitSeconds: null,
      governmentWaitShare: null,
    };
  }
  const k = kpisOf(c, withTrips);
  const waiting = c.governmentWait + c.citizenWait;
  return {
    ...counts,
    tripsPerJourney: k.tripsPerJourney,
    atMostOneTripRate: k.atMostOneTripRate,
    zeroTripRate: k.zeroTripRate,
    leadTimeMedianSeconds: k.leadTimeSeconds.median,
    leadTimeP90Seconds: k.leadTimeSeconds.p90,
    queueWaitMedianSeconds: k.queueWaitSeconds ? k.queueWaitSeconds.median : null,
    abandonedTickets: c.abandoned,
    governmentWaitSeconds: seconds(c.governmentWait) / c.journeys,
    citizenWaitSeconds: seconds(c.citizenWait) / c.journeys,
    governmentWaitShare: waiting > 0 ? ratio(c.governmentWait, waiting) : null,
  };
}
