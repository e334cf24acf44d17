import * as d3 from 'd3';
import { chartRoot, emptyChart } from './common';
import { INK, MUTED, WAIT_RAMP } from './palette';

export interface HeatCell {
  row: number;
  column: number;
  value: number;
  count: number;
}

export interface HeatmapOptions {
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  cellWidth: number;
  cellHeight: number;
  labelWidth: number;
  fontSize: number;
  formatValue: (value: number) => string;
  cellTitle: (row: string, column: string, value: string, count: number) => string;
  ariaLabel: string;
  emptyLabel: string;
  /** Legend: what the colour means. */
  legendLabel: string;
  ramp: readonly [string, string];
}

export const HEATMAP_DEFAULTS: HeatmapOptions = {
  rowLabels: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  columnLabels: Array.from({ length: 24 }, (_, h) => String(h)),
  cellWidth: 30,
  cellHeight: 26,
  labelWidth: 48,
  fontSize: 11,
  formatValue: (value) => String(Math.round(value)),
  cellTitle: (row, column, value, count) => `${row} ${column}: ${value} (${count})`,
  ariaLabel: 'Heatmap',
  emptyLabel: 'Nothing to show.',
  legendLabel: '',
  ramp: WAIT_RAMP,
};

/**
 * A grid of cells coloured by value (e.g. queue wait by weekday × hour). Empty cells are drawn
 * hatched-light so that "no tickets" is not mistaken for "no wait". Columns without any data at
 * the edges (hours the halls are closed) are trimmed. Pure.
 */
export function heatmap(
  cells: readonly HeatCell[],
  options: Partial<HeatmapOptions> = {},
): SVGSVGElement {
  const o: HeatmapOptions = { ...HEATMAP_DEFAULTS, ...options };
  for (const c of cells) {
    if (!(
      c.row >= 0 &&
      c.row < o.rowLabels.length &&
      c.column >= 0 &&
      c.column < o.columnLabels.length
    )) {
      throw new Error(
        `heatmap: cell (${c.row}, ${c.column}) is outside the ${o.rowLabels.length}×${o.columnLabels.length} grid`,
      );
    }
  }
  const filled = cells.filter((c) => c.count > 0);
  if (filled.length === 0) return emptyChart('heatmap', 480, o.emptyLabel, o.fontSize);
  const first = Math.min(...filled.map((c) => c.column));
  const last = Math.max(...filled.map((c) => c.column));
  const columns = d3.range(first, last + 1);
  const top = 20;
  const legendHeight = 34;
  const width = o.labelWidth + columns.length * o.cellWidth + 8;
  const height = top + o.rowLabels.length * o.cellHeight + legendHeight;
  const svg = chartRoot('heatmap', width, height, o.ariaLabel, o.fontSize);
  const max = Math.max(...filled.map((c) => c.value), 1);
  const color = d3.scaleSequentialSqrt(d3.interpolateRgb(o.ramp[0], o.ramp[1])).domain([0, max]);
  const byCell = new Map(cells.map((c) => [`${c.row}:${c.column}`, c]));
  columns.forEach((column, i) => {
    svg
      .append('text')
      .attr('x', o.labelWidth + i * o.cellWidth + o.cellWidth / 2)
      .attr('y', top - 6)
      .attr('text-anchor', 'middle')
      .attr('fill', MUTED)
      .text(o.columnLabels[column]);
  });
  o.rowLabels.forEach((rowLabel, row) => {
    const y = top + row * o.cellHeight;
    svg
      .append('text')
      .attr('x', o.labelWidth - 8)
      .attr('y', y + o.cellHeight / 2)
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'central')
      .attr('fill', INK)
      .text(rowLabel);
    columns.forEach((column, i) => {
      const cell = byCell.get(`${row}:${column}`);
      const g = svg
        .append('g')
        .attr('class', cell && cell.count > 0 ? 'heat-cell' : 'heat-cell heat-empty');
      const rect = g
        .append('rect')
        .attr('x', o.labelWidth + i * o.cellWidth + 1)
        .attr('y', y + 1)
        .attr('width', o.cellWidth - 2)
        .attr('height', o.cellHeight - 2)
        .attr('rx', 3);
      if (cell && cell.count > 0) {
        rect.attr('fill', color(cell.value));
        g.append('title').text(
          o.cellTitle(rowLabel, o.columnLabels[column], o.formatValue(cell.value), cell.count),
        );
      } else {
        rect.attr('fill', '#f7f9fb').attr('stroke', '#edf1f5');
      }
    });
  });
  // Legend: the ramp from 0 to the largest value.
  const legendTop = top + o.rowLabels.length * o.cellHeight + 12;
  const gradientId = `heat-ramp-${o.ramp.join('').replace(/#/g, '')}`;
  const gradient = svg.append('defs').append('linearGradient').attr('id', gradientId);
  gradient.append('stop').attr('offset', '0%').attr('stop-color', o.ramp[0]);
  gradient.append('stop').attr('offset', '100%').attr('stop-color', o.ramp[1]);
  svg
    .append('rect')
    .attr('x', o.labelWidth)
    .attr('y', legendTop)
    .attr('width', 120)
    .attr('height', 10)
    .attr('rx', 2)
    .attr('fill', `url(#${gradientId})`);
  svg
    .append('text')
    .attr('x', o.labelWidth + 128)
    .attr('y', legendTop + 5)
    .attr('dominant-baseline', 'central')
    .attr('fill', MUTED)
    .text(`0 – ${o.formatValue(max)}${o.legendLabel ? ` · ${o.legendLabel}` : ''}`);
  return svg.node() as SVGSVGElement;
}
