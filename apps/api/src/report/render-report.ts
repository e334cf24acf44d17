/**
 * The monthly report as one printable HTML page (A4, no script, no outside resource): the data
 * period, the key figures against the previous and the baseline month, every goal's card with its
 * trajectory (plan, actual, projection) and league tables of halls, departments and services.
 * Every name from the data is escaped; the same page is printed to PDF by report-pdf.ts.
 */
import type { GoalDto } from '@onetrip/contracts';
import { GOAL_KPI_DEFINITIONS, type GoalKpi } from '@onetrip/mining';
import { REPORT_MESSAGES, type ReportMessages } from './report-messages';
import type { ReportLeague, ReportModel } from './report-model';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A KPI value in its unit, for reading: 82.5%, 1.42 trips, 3.2 d / 35 min. */
export function formatKpi(kpi: GoalKpi, value: number | null, m: ReportMessages): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const unit = GOAL_KPI_DEFINITIONS[kpi].unit;
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'count') return Math.round(value).toLocaleString('en-US');
  if (unit === 'score') return value.toFixed(1);
  if (unit === 'trips') return `${value.toFixed(2)}${m.units.trips ? ` ${m.units.trips}` : ''}`;
  const s = Math.abs(value);
  if (s >= 86_400) return `${(value / 86_400).toFixed(1)} ${m.units.days}`;
  if (s >= 3_600) return `${(value / 3_600).toFixed(1)} ${m.units.hours}`;
  if (s >= 60) return `${(value / 60).toFixed(1)} ${m.units.minutes}`;
  return `${value.toFixed(0)} ${m.units.seconds}`;
}

const signedPercent = (share: number | null): string =>
  share === null || !Number.isFinite(share)
    ? '—'
    : `${share > 0 ? '+' : share < 0 ? '−' : '±'}${Math.abs(share * 100).toFixed(1)}%`;

function kpiTable(model: ReportModel, m: ReportMessages): string {
  const rows = model.kpis
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(m.kpis[r.kpi].name)}</th>` +
        `<td>${formatKpi(r.kpi, r.value, m)}</td><td>${formatKpi(r.kpi, r.previous, m)}</td>` +
        `<td>${formatKpi(r.kpi, r.baseline, m)}</td>` +
        `<td class="${changeClass(r.kpi, r.changeFromBaseline)}">${signedPercent(r.changeFromBaseline)}</td></tr>`,
    )
    .join('');
  return (
    `<section><h2>${m.headline}</h2><table class="kpis"><thead><tr><th>${m.kpi}</th>` +
    `<th>${m.thisMonth} (${model.month})</th><th>${m.previousMonth}</th>` +
    `<th>${escapeHtml(m.baselineMonth(model.firstMonth))}</th><th>${m.changeFromBaseline}</th>` +
    `</tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

function changeClass(kpi: GoalKpi, change: number | null): string {
  if (change === null || change === 0) return 'flat';
  const better = GOAL_KPI_DEFINITIONS[kpi].better === 'higher' ? change > 0 : change < 0;
  return better ? 'better' : 'worse';
}

/** Plan, actual and projection of a goal as a small inline SVG (time on x, the KPI on y). */
export function trajectorySvg(goal: GoalDto, m: ReportMessages): string {
  const p = goal.progress;
  const series = [
    { cls: 'plan', points: p.plan },
    { cls: 'actual', points: p.actual },
    { cls: 'projection', points: p.projection },
  ].map((s) => ({ cls: s.cls, points: s.points.map((q) => [Date.parse(q.at), q.value]) }));
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const W = 260;
  const H = 90;
  const pad = 6;
  const xs = all.map((q) => q[0]);
  const ys = all.map((q) => q[1]);
  if (p.targetValue !== null) ys.push(p.targetValue);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number): number => pad + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * pad);
  const sy = (y: number): number => H - pad - ((y - y0) / (y1 - y0 || 1)) * (H - 2 * pad);
  const path = (points: number[][]): string =>
    points.map((q, i) => `${i ? 'L' : 'M'}${sx(q[0]).toFixed(1)},${sy(q[1]).toFixed(1)}`).join('');
  const lines = series
    .filter((s) => s.points.length > 0)
    .map((s) => `<path class="${s.cls}" d="${path(s.points)}"/>`)
    .join('');
  const target =
    p.targetValue === null
      ? ''
      : `<line class="target" x1="${pad}" x2="${W - pad}" y1="${sy(p.targetValue).toFixed(1)}" y2="${sy(p.targetValue).toFixed(1)}"/>`;
  const label = `${m.legend.plan} / ${m.legend.actual} / ${m.legend.projection}`;
  return `<svg class="trajectory" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(label)}">${target}${lines}</svg>`;
}

function goalCard(goal: GoalDto, m: ReportMessages): string {
  const p = goal.progress;
  const kpi = m.kpis[goal.kpi].name;
  const scope =
    goal.scope.kind === 'all' ? m.scopeAll : `${m.scope[goal.scope.kind]}: ${goal.scope.value}`;
  const status = p.status ? (m.status[p.status] ?? p.status) : m.notMeasured;
  const progress =
    p.progress === null
      ? ''
      : `<div class="bar"><span style="width:${Math.max(0, Math.min(1, p.progress)) * 100}%"></span></div>` +
        `<p class="muted">${escapeHtml(m.progress(`${Math.round(p.progress * 100)}%`))}</p>`;
  const reason = p.reason ? `<p class="muted">${escapeHtml(p.message ?? p.reason)}</p>` : '';
  return (
    `<article class="goal status-${escapeHtml(p.status ?? 'none')}">` +
    `<h3>${escapeHtml(goal.title ?? kpi)}</h3>` +
    `<p class="muted">${escapeHtml(kpi)} · ${escapeHtml(scope)}</p>` +
    `<p class="status">${escapeHtml(status)}</p>` +
    `<dl><dt>${m.baseline}</dt><dd>${formatKpi(goal.kpi, p.baselineValue, m)}</dd>` +
    `<dt>${m.target}</dt><dd>${formatKpi(goal.kpi, p.targetValue, m)}</dd>` +
    `<dt>${m.now}</dt><dd>${formatKpi(goal.kpi, p.current, m)}${p.currentPeriod ? ` (${escapeHtml(p.currentPeriod)})` : ''}</dd>` +
    `<dt>${m.deadline}</dt><dd>${escapeHtml(goal.deadline)}</dd>` +
    `<dt>${m.owner}</dt><dd>${escapeHtml(goal.owner)}</dd></dl>` +
    progress +
    reason +
    trajectorySvg(goal, m) +
    `</article>`
  );
}

function leagueTable(model: ReportModel, league: ReportLeague, m: ReportMessages): string {
  const head = model.leagueKpis
    .map((k) => `<th>${escapeHtml(m.kpis[k].name)}</th><th>${m.changeFromBaseline}</th>`)
    .join('');
  const rows = league.rows
    .map((r, i) => {
      const cells = model.leagueKpis
        .map((k) => {
          const v = r.figures[k] ?? null;
          const b = r.baseline[k] ?? null;
          const change = v !== null && b !== null && b !== 0 ? (v - b) / b : null;
          return `<td>${formatKpi(k, v, m)}</td><td class="${changeClass(k, change)}">${signedPercent(change)}</td>`;
        })
        .join('');
      return `<tr><td>${i + 1}</td><th scope="row">${escapeHtml(r.value)}</th><td>${r.journeys.toLocaleString('en-US')}</td>${cells}</tr>`;
    })
    .join('');
  const hidden =
    league.hidden > 0 && model.smallCountK !== null
      ? `<p class="muted">${escapeHtml(m.hidden(league.hidden, model.smallCountK))}</p>`
      : '';
  return (
    `<section class="league"><h2>${m.league[league.scope]} (${model.month})</h2>` +
    `<table><thead><tr><th>#</th><th>${m.scope[league.scope]}</th><th>${m.journeys}</th>${head}</tr></thead>` +
    `<tbody>${rows}</tbody></table>${hidden}</section>`
  );
}

const STYLE = `
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #1f2933; font-size: 10.5pt; margin: 0; }
header { border-bottom: 2px solid #1d4ed8; margin-bottom: 10px; }
h1 { font-size: 18pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 16px 0 6px; } h3 { font-size: 11pt; margin: 0; }
.muted { color: #52606d; font-size: 9pt; margin: 2px 0; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #d9e2ec; padding: 3px 5px; text-align: right; }
th[scope=row], thead th:first-child, .league th[scope=row] { text-align: left; }
.better { color: #047857; } .worse { color: #b91c1c; } .flat { color: #52606d; }
.goals { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.goal { border: 1px solid #d9e2ec; border-left: 4px solid #9aa5b1; padding: 6px 8px; break-inside: avoid; }
.status-on-track, .status-achieved { border-left-color: #047857; } .status-at-risk { border-left-color: #d97706; }
.status-behind, .status-missed { border-left-color: #b91c1c; }
.status { font-weight: bold; margin: 2px 0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 4px 0; } dt { color: #52606d; } dd { margin: 0; }
.bar { height: 6px; background: #e4e7eb; } .bar span { display: block; height: 6px; background: #1d4ed8; }
svg.trajectory path { fill: none; stroke-width: 1.5; } path.actual { stroke: #1d4ed8; } path.plan { stroke: #9aa5b1; stroke-dasharray: 4 3; }
path.projection { stroke: #d97706; stroke-dasharray: 2 2; } line.target { stroke: #047857; stroke-width: 1; stroke-dasharray: 1 3; }
section { break-inside: auto; } .league { break-inside: avoid; }
footer { margin-top: 16px; border-top: 1px solid #d9e2ec; }
`;

export function renderReport(model: ReportModel, producedAt: string): string {
  const m = REPORT_MESSAGES[model.lang];
  const goals = model.goals.length
    ? `<div class="goals">${model.goals.map((g) => goalCard(g, m)).join('')}</div>`
    : `<p>${m.noGoals}</p>`;
  const definitions = model.kpis
    .map(
      (r) =>
        `<dt>${escapeHtml(m.kpis[r.kpi].name)}</dt><dd>${escapeHtml(m.kpis[r.kpi].definition)}</dd>`,
    )
    .join('');
  return (
    `<!doctype html><html lang="${model.lang}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(`${model.dataset.name} · ${m.title} ${model.month}`)}</title>` +
    `<style>${STYLE}</style></head><body>` +
    `<header><h1>${escapeHtml(model.dataset.name)} · ${m.title} ${model.month}</h1>` +
    `<p class="muted">${escapeHtml(m.dataPeriod(model.firstMonth, model.lastMonth))} · ${escapeHtml(model.dataset.timeZone)}</p>` +
    `<p class="muted">${escapeHtml(m.measured(model.datasetVersion, model.measuredAt ?? '—'))}</p></header>` +
    kpiTable(model, m) +
    `<section><h2>${m.goals}</h2>${goals}</section>` +
    model.leagues.map((l) => leagueTable(model, l, m)).join('') +
    `<section><h2>${m.definitions}</h2><dl>${definitions}</dl><p class="muted">${escapeHtml(m.statusMethod)}</p></section>` +
    `<footer><p class="muted">${escapeHtml(m.printed(producedAt))}</p></footer>` +
    `</body></html>`
  );
}
