import * as d3 from 'd3';
import { chartRoot, checkValue, emptyChart, fitText } from './common';
import { ACCENT, GRID, HIGHLIGHT, INK, MUTED } from './palette';
import { textWidth } from './text';

export interface Column {
  key: string;
  /** Under the column (thinned out when crowded). */
  label: string;
  value: number;
  /** Tooltip text; default `label: value`. */
  title?: string;
  highlight?: boolean;
}

export interface ColumnsOptions {
  width: number;
  height: number;
  fontSize: number;
  /** Print each column's figure above it (when there is room). */
  showValues: boolean;
  formatValue: (value: number) => string;
  ariaLabel: string;
  emptyLabel: string;
  color: string;
  highlightColor: string;
}

export const COLUMNS_DEFAULTS: ColumnsOptions = {
  width: 480,
  height: 180,
  fontSize: 11,
  showValues: true,
  formatValue: (value) => String(value),
  ariaLabel: 'Column chart',
  emptyLabel: 'Nothing to show.',
  color: ACCENT,
  highlightColor: HIGHLIGHT,
};

/**
 * Vertical columns over labelled categories (histogram bins, trips per journey, months), with a
 * baseline and thinned labels. Columns carry `data-key`, and the plot area's left and right
 * edges are `data-x0`/`data-x1` on `g.columns-plot` so a view can attach a brush. Pure.
 */
export function columnsChart(
  columns: readonly Column[],
  options: Partial<ColumnsOptions> = {},
): SVGSVGElement {
  const o: ColumnsOptions = { ...COLUMNS_DEFAULTS, ...options };
  for (const c of columns) checkValue('columnsChart', c.label, c.value);
  if (columns.length === 0 || columns.every((c) => c.value === 0)) {
    return emptyChart('columns-chart', o.width, o.emptyLabel, o.fontSize);
  }
  const svg = chartRoot('columns-chart', o.width, o.height, o.ariaLabel, o.fontSize);
  const margin = { top: o.showValues ? 16 : 6, right: 6, bottom: 22, left: 6 };
  const x = d3
    .scaleBand<string>()
    .domain(columns.map((c) => c.key))
    .range([margin.left, o.width - margin.right])
    .paddingInner(columns.length > 30 ? 0.12 : 0.22)
    .paddingOuter(0.1);
  const max = Math.max(...columns.map((c) => c.value));
  const y = d3
    .scaleLinear()
    .domain([0, max])
    .range([o.height - margin.bottom, margin.top]);
  const plot = svg
    .append('g')
    .attr('class', 'columns-plot')
    .attr('data-x0', margin.left)
    .attr('data-x1', o.width - margin.right);
  plot
    .append('line')
    .attr('x1', margin.left)
    .attr('x2', o.width - margin.right)
    .attr('y1', o.height - margin.bottom + 0.5)
    .attr('y2', o.height - margin.bottom + 0.5)
    .attr('stroke', GRID);
  const band = x.bandwidth();
  // Measured, not counted: a Chinese label (「1 小时 30 分」) is twice as wide as its length says.
  const labelRoom = Math.max(...columns.map((c) => textWidth(c.label, o.fontSize))) + 8;
  const every = Math.max(1, Math.ceil(labelRoom / x.step()));
  columns.forEach((c, i) => {
    const left = x(c.key) ?? 0;
    const g = plot.append('g').attr('class', 'column').attr('data-key', c.key);
    g.append('title').text(c.title ?? `${c.label}: ${o.formatValue(c.value)}`);
    g.append('rect')
      .attr('x', left)
      .attr('y', y(c.value))
      .attr('width', band)
      .attr('height', Math.max(0, y(0) - y(c.value)))
      .attr('rx', Math.min(3, band / 4))
      .attr('fill', c.highlight ? o.highlightColor : o.color);
    if (o.showValues && band >= 22 && c.value > 0) {
      g.append('text')
        .attr('class', 'column-value')
        .attr('x', left + band / 2)
        .attr('y', y(c.value) - 4)
        .attr('text-anchor', 'middle')
        .attr('fill', INK)
        .text(o.formatValue(c.value));
    }
    if (i % every === 0) {
      const text = fitText(c.label, every * x.step(), o.fontSize);
      // A label centred under a narrow column near an edge would run off the chart: pin it.
      const half = textWidth(text, o.fontSize) / 2;
      const centre = Math.max(half + 1, Math.min(o.width - half - 1, left + band / 2));
      g.append('text')
        .attr('class', 'column-label')
        .attr('x', centre)
        .attr('y', o.height - margin.bottom + 14)
        .attr('text-anchor', 'middle')
        .attr('fill', MUTED)
        .text(text);
    }
  });
  return svg.node() as SVGSVGElement;
}
