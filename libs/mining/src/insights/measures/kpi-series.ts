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

/** Stored key of a cell: granularity, scope kind, value ('' for none), period. */
type CellKey = [KpiGranularity, KpiScopeKind, string, string];

/** One scope value's cells, by granularity and period. */
export interface SeriesLine {
  scope: KpiScopeKind;
  /** '' for none. */
  value: string;
  month: Map<string, SeriesCell>;
  week: Map<string, SeriesCell>;
  day: Map<string, SeriesCell>;
}

export interface KpiSeriesPartial {
  /** By `${scope}\u0001${value}` (in memory only; the JSON has no joined keys). */
  kpiSeries: Map<string, SeriesLine>;
}

export interface KpiSeriesJson {
  /** Absent in partials stored before the series existed. */
  kpiSeries?: [CellKey, SeriesCellJson][];
}

function emptyCell(): SeriesCell {
  return Object.assign(emptyPeriod(), { finished: 0, abandoned: 0 });
}

function lineOf(lines: Map<string, SeriesLine>, scope: KpiScopeKind, value: string): SeriesLine {
  return getOrAdd(lines, `${scope}\u0001${value}`, () => ({
    scope,
    value,
    month: new Map(),
    week: new Map(),
    day: new Map(),
  }));
}

/** Lines by dictionary code (+1, so that NONE is slot 0), found once per code per tally. */
function codeLines(
  lines: Map<string, SeriesLine>,
  scope: KpiScopeKind,
  decode: (code: number) => string,
): (code: number) => SeriesLine {
  const byCode: (SeriesLine | undefined)[] = [];
  return (code) => (byCode[code + 1] ??= lineOf(lines, scope, code === NONE ? '' : decode(code)));
}

export const kpiSeries = insightMeasure<KpiSeriesPartial, KpiSeriesJson>({
  empty: () => ({ kpiSeries: new Map() }),
  tally: (target, context) => {
    const { store, columns, calendar } = context;
    const lines = target.kpiSeries;
    const all = lineOf(lines, 'all', '');
    const serviceLine = codeLines(lines, 'service', (c) => columns.services.decode(c));
    const departmentLine = codeLines(lines, 'department', (c) => columns.departments.decode(c));
    const hallLine = codeLines(lines, 'hall', (c) => store.locations.decode(c));
    const channelLine = codeLines(lines, 'channel', (c) => store.channels.decode(c));
    const departments: number[] = [];
    const halls: number[] = [];
    const channels: number[] = [];
    const touched: SeriesLine[] = [];
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
        touched.length = 0;
        touched.push(all, serviceLine(service));
        if (departments.length === 0) touched.push(departmentLine(NONE));
        for (const d of departments) touched.push(departmentLine(d));
        for (const h of halls) touched.push(hallLine(h));
        for (const c of channels) touched.push(channelLine(c));
        const begun = calendar.fields(start);
        const ended = calendar.fields(start + leadTime);
        const abandoned = journey.queue.abandoned.length;
        const add = (cells: Map<string, SeriesCell>, from: string, to: string): void => {
          const started = getOrAdd(cells, from, emptyCell);
          addToPeriod(started, journey, context);
          started.abandoned += abandoned;
          getOrAdd(cells, to, emptyCell).finished += 1;
        };
        for (const line of touched) {
          add(line.month, begun.period, ended.period);
          add(line.week, begun.week, ended.week);
        }
        // Days for all journeys only (module comment).
        add(all.day, begun.day, ended.day);
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    for (const line of source.kpiSeries.values()) {
      const t = lineOf(target.kpiSeries, line.scope, line.value);
      for (const granularity of GRANULARITIES) {
        for (const [period, c] of line[granularity]) {
          const cell = getOrAdd(t[granularity], period, emptyCell);
          mergePeriod(cell, c);
          cell.finished += c.finished;
          cell.abandoned += c.abandoned;
        }
      }
    }
  },
  toJson: (p) => {
    const out: [CellKey, SeriesCellJson][] = [];
    for (const line of p.kpiSeries.values()) {
      for (const granularity of GRANULARITIES) {
        for (const [period, c] of line[granularity]) {
          out.push([
            [granularity, line.scope, line.value, period],
            { ...periodToJson(c), finished: c.finished, abandoned: c.abandoned },
          ]);
        }
      }
    }
    return { kpiSeries: out };
  },
  fromJson: (json) => {
    const lines = new Map<string, SeriesLine>();
    for (const [[granularity, scope, value, period], c] of json.kpiSeries ?? []) {
      lineOf(lines, scope, value)[granularity].set(
        period,
        Object.assign(periodFromJson(c), { finished: c.finished, abandoned: c.abandoned }),
      );
    }
    return { kpiSeries: lines };
  },
  finalize: (p, { withTrips }) => ({ kpiSeries: finishSeries(p.kpiSeries, withTrips) }),
});

function finishSeries(lines: Map<string, SeriesLine>, withTrips: boolean): KpiSeries {
  const series: KpiSeries = { valueLimit: SERIES_VALUE_LIMIT, month: [], week: [], day: [] };
  for (const granularity of GRANULARITIES) {
    for (const scope of SCOPES) {
      const found: KpiSeriesLine[] = [];
      for (const line of lines.values()) {
        const cells = line[granularity];
        if (line.scope !== scope || cells.size === 0) continue;
        const periods = [...cells].sort((a, b) => compareStrings(a[0], b[0]));
        let journeys = 0;
        for (const [, c] of periods) journeys += c.journeys;
        found.push({
          scope,
          value: scope === 'all' || line.value === '' ? null : line.value,
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
