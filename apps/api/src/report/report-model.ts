/**
 * The monthly report's figures (issue 13): what the leadership reads for one month, built from
 * the newest whole-dataset result's monthly KPI series and the dataset's goals measured as of the
 * month's end. Pure: the service reads the rows, render-report.ts draws them.
 */
import type { GoalDto } from '@onetrip/contracts';
import {
  GOAL_KPI_DEFINITIONS,
  GOAL_KPIS,
  type GoalKpi,
  type KpiScopeKind,
  type KpiSeriesLine,
  type KpiSeriesPoint,
} from '@onetrip/mining';

export type ReportLanguage = 'zh-CN' | 'en';

/** One KPI of the whole dataset: the report month against the previous and the first month. */
export interface ReportKpiRow {
  kpi: GoalKpi;
  value: number | null;
  previous: number | null;
  baseline: number | null;
  /** Relative change against the first month (0.1 = +10%); null without both values. */
  changeFromBaseline: number | null;
}

/** One hall, department or service on the league KPIs in the report month. */
export interface ReportLeagueRow {
  value: string;
  journeys: number;
  figures: Partial<Record<GoalKpi, number | null>>;
  /** The same KPIs in the first month of the series (the baseline period). */
  baseline: Partial<Record<GoalKpi, number | null>>;
}

export interface ReportLeague {
  scope: Exclude<KpiScopeKind, 'all' | 'channel'>;
  rows: ReportLeagueRow[];
  /** Rows left out because fewer than k journeys started in the month (small counts). */
  hidden: number;
}

export interface ReportModel {
  lang: ReportLanguage;
  dataset: { id: string; name: string; timeZone: string };
  month: string;
  /** First and last month of the series: the data period. */
  firstMonth: string;
  lastMonth: string;
  datasetVersion: number;
  runId: string;
  measuredAt: string | null;
  kpis: ReportKpiRow[];
  goals: GoalDto[];
  leagues: ReportLeague[];
  leagueKpis: GoalKpi[];
  /** k of small-count suppression, or null when the reader sees every count. */
  smallCountK: number | null;
}

/** The KPIs each league table ranks on (the first orders the rows). */
export const LEAGUE_KPIS: GoalKpi[] = [
  'atMostOneTripRate',
  'tripsPerJourney',
  'leadTimeMedianSeconds',
  'queueWaitMedianSeconds',
];

const point = (line: KpiSeriesLine | undefined, period: string): KpiSeriesPoint | undefined =>
  line?.points.find((p) => p.period === period);

const read = (kpi: GoalKpi, p: KpiSeriesPoint | undefined): number | null =>
  p ? GOAL_KPI_DEFINITIONS[kpi].read(p) : null;

export const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The months with journeys of the whole-dataset line, in order. */
export function reportMonths(lines: readonly KpiSeriesLine[]): string[] {
  const all = lines.find((l) => l.scope === 'all');
  return (all?.points ?? []).filter((p) => p.journeysStarted > 0).map((p) => p.period);
}

export interface ReportInput {
  lang: ReportLanguage;
  dataset: ReportModel['dataset'];
  month: string;
  lines: readonly KpiSeriesLine[];
  datasetVersion: number;
  runId: string;
  measuredAt: string | null;
  goals: GoalDto[];
  smallCountK: number | null;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const months = reportMonths(input.lines);
  const first = months[0] ?? input.month;
  const all = input.lines.find((l) => l.scope === 'all');
  const kpis = GOAL_KPIS.filter((kpi) => months.some((m) => read(kpi, point(all, m)) !== null)).map(
    (kpi): ReportKpiRow => {
      const value = read(kpi, point(all, input.month));
      const baseline = read(kpi, point(all, first));
      return {
        kpi,
        value,
        previous: read(kpi, point(all, previousMonth(input.month))),
        baseline,
        changeFromBaseline:
          value !== null && baseline !== null && baseline !== 0
            ? (value - baseline) / baseline
            : null,
      };
    },
  );
  const leagueKpis = LEAGUE_KPIS.filter((k) => kpis.some((r) => r.kpi === k));
  const leagues = (['hall', 'department', 'service'] as const).map((scope): ReportLeague => {
    let hidden = 0;
    const rows: ReportLeagueRow[] = [];
    for (const line of input.lines) {
      if (line.scope !== scope || line.value === null) continue;
      const now = point(line, input.month);
      if (!now || now.journeysStarted === 0) continue;
      if (input.smallCountK !== null && now.journeysStarted < input.smallCountK) {
        hidden += 1;
        continue;
      }
      const base = point(line, first);
      const figures: ReportLeagueRow['figures'] = {};
      const baseline: ReportLeagueRow['baseline'] = {};
      for (const kpi of leagueKpis) {
        figures[kpi] = read(kpi, now);
        baseline[kpi] = read(kpi, base);
      }
      rows.push({ value: line.value, journeys: now.journeysStarted, figures, baseline });
    }
    const order = leagueKpis[0];
    if (order) {
      const better = GOAL_KPI_DEFINITIONS[order].better;
      rows.sort((a, b) => {
        const x = a.figures[order] ?? null;
        const y = b.figures[order] ?? null;
        if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
        return better === 'higher' ? y - x : x - y;
      });
    }
    return { scope, rows, hidden };
  });
  return {
    lang: input.lang,
    dataset: input.dataset,
    month: input.month,
    firstMonth: first,
    lastMonth: months[months.length - 1] ?? input.month,
    datasetVersion: input.datasetVersion,
    runId: input.runId,
    measuredAt: input.measuredAt,
    kpis,
    goals: input.goals,
    leagues: leagues.filter((l) => l.rows.length > 0 || l.hidden > 0),
    leagueKpis,
    smallCountK: input.smallCountK,
  };
}

/** The series cut at the month's end: what the goals looked like when the month closed. */
export function linesUpTo(lines: readonly KpiSeriesLine[], month: string): KpiSeriesLine[] {
  return lines.map((l) => ({ ...l, points: l.points.filter((p) => p.period <= month) }));
}
