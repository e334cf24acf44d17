import * as d3 from 'd3';
import { chartRoot, checkValue, emptyChart, fitText } from './common';
import { ACCENT, HIGHLIGHT, INK, MUTED, TRACK } from './palette';
import { textWidth } from './text';

/**
 * Share of the label column that the estimated width may fill: wide fallback fonts (DejaVu
 * Sans) run a tenth wider than text.ts estimates, and a label must never leave the chart.
 */
const LABEL_SAFETY = 0.88;

export interface BarRow {
  /** Stable id (links, clicks); `data-key` on the row. */
  key: string;
  label: string;
  value: number;
  /** Printed after the bar's main figure, muted (e.g. share, p90). */
  note?: string;
  /** Printed instead of the formatted value: "< 5" for a hidden small count. */
  valueText?: string;
  highlight?: boolean;
}

export interface BarsOptions {
  width: number;
  maxRows: number;
  /** Width of the label column. */
  labelWidth: number;
  /** Room right of the longest bar for its figures. */
  figureWidth: number;
  rowHeight: number;
  barHeight: number;
  fontSize: number;
  /** Bars end at this value (e.g. 1 for rates); default the largest value. */
  max: number | null;
  formatValue: (value: number) => string;
  ariaLabel: string;
  emptyLabel: string;
  color: string;
  highlightColor: string;
}

export const BARS_DEFAULTS: BarsOptions = {
  width: 640,
  maxRows: 15,
  labelWidth: 200,
  figureWidth: 150,
  rowHeight: 28,
  barHeight: 14,
  fontSize: 12,
  max: null,
  formatValue: (value) => String(Math.round(value * 100) / 100),
  ariaLabel: 'Bar chart',
  emptyLabel: 'Nothing to show.',
  color: ACCENT,
  highlightColor: HIGHLIGHT,
};

/**
 * A ranked horizontal bar chart: label, bar, figure and note per row, in the given order (the
 * caller ranks). Rows carry `data-key` so that views can link them. Pure.
 */
export function barsChart(
  rows: readonly BarRow[],
  options: Partial<BarsOptions> = {},
): SVGSVGElement {
  const o: BarsOptions = { ...BARS_DEFAULTS, ...options };
  for (const row of rows) checkValue('barsChart', row.label, row.value);
  const shown = rows.slice(0, o.maxRows);
  if (shown.length === 0) return emptyChart('bars-chart', o.width, o.emptyLabel, o.fontSize);
  const height = shown.length * o.rowHeight + 8;
  const svg = chartRoot('bars-chart', o.width, height, o.ariaLabel, o.fontSize);
  const left = o.labelWidth + 12;
  // Figures never run off the chart: the figure column grows to the longest one.
  const longest = Math.max(
    ...shown.map((r) =>
      textWidth(
        `${r.valueText ?? o.formatValue(r.value)}${r.note ? ` · ${r.note}` : ''}`,
        o.fontSize,
      ),
    ),
  );
  const figureWidth = Math.max(o.figureWidth, Math.ceil(longest / LABEL_SAFETY) + 12);
  const barMax = Math.max(40, o.width - left - figureWidth);
  const max = o.max ?? Math.max(...shown.map((r) => r.value), 0);
  const x = d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, barMax])
    .clamp(true);
  shown.forEach((row, i) => {
    const top = 4 + i * o.rowHeight;
    const mid = top + o.rowHeight / 2;
    const g = svg
      .append('g')
      .attr('class', row.highlight ? 'bar-row bar-highlight' : 'bar-row')
      .attr('data-key', row.key);
    const figureText = row.valueText ?? o.formatValue(row.value);
    g.append('title').text(`${row.label}: ${figureText}${row.note ? ` · ${row.note}` : ''}`);
    g.append('text')
      .attr('class', 'bar-label')
      .attr('x', o.labelWidth)
      .attr('y', mid)
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'central')
      .attr('fill', INK)
      .attr('font-weight', row.highlight ? 700 : 400)
      .text(fitText(row.label, o.labelWidth * LABEL_SAFETY, o.fontSize));
    g.append('rect')
      .attr('x', left)
      .attr('y', mid - o.barHeight / 2)
      .attr('width', barMax)
      .attr('height', o.barHeight)
      .attr('rx', 3)
      .attr('fill', TRACK);
    g.append('rect')
      .attr('class', 'bar')
      .attr('x', left)
      .attr('y', mid - o.barHeight / 2)
      .attr('width', Math.max(row.value > 0 ? 2 : 0, x(row.value)))
      .attr('height', o.barHeight)
      .attr('rx', 3)
      .attr('fill', row.highlight ? o.highlightColor : o.color);
    const figure = g
      .append('text')
      .attr('class', 'bar-figure')
      .attr('x', left + barMax + 8)
      .attr('y', mid)
      .attr('dominant-baseline', 'central')
      .attr('fill', INK);
    figure.append('tspan').attr('font-weight', 600).text(figureText);
    if (row.note) figure.append('tspan').attr('fill', MUTED).text(` · ${row.note}`);
  });
  return svg.node() as SVGSVGElement;
}
