import * as d3 from 'd3';
import { chartRoot } from './common';
import { ACCENT, MUTED } from './palette';
import { textWidth } from './text';

export interface SparklinePoint {
  label: string;
  /** null: no figure for this period (drawn as a gap). */
  value: number | null;
}

export interface SparklineOptions {
  width: number;
  height: number;
  color: string;
  ariaLabel: string;
  /**
   * The value scale. Fixed by the caller per KPI (a share on 0–1, a count or duration from 0) so
   * that the line does not rescale with the filter: 82% → 83% stays a small step, not a cliff.
   * Without it the scale runs from 0 (or the lowest value when negative) to the highest value.
   */
  domain: [number, number] | null;
  formatValue: (value: number) => string;
}

export const SPARKLINE_DEFAULTS: SparklineOptions = {
  width: 220,
  height: 64,
  color: ACCENT,
  ariaLabel: 'Trend',
  domain: null,
  formatValue: (v) => String(Math.round(v * 100) / 100),
};

/** Smallest font used in the chart (px): axis and period labels. */
const FONT = 10;
const TOP = 6;
const BOTTOM = 14;

const defined = (p: SparklinePoint): boolean => p.value !== null && Number.isFinite(p.value);

/**
 * A small trend line on a stated scale: the scale's ends on the left, the latest value beside its
 * dot, the first and last period below, and a tooltip (`<title>`) with period and value on every
 * point. Pure.
 */
export function sparkline(
  points: readonly SparklinePoint[],
  options: Partial<SparklineOptions> = {},
): SVGSVGElement {
  const o: SparklineOptions = { ...SPARKLINE_DEFAULTS, ...options };
  const svg = chartRoot('sparkline', o.width, o.height, o.ariaLabel, FONT);
  const values = points.filter(defined).map((p) => p.value as number);
  if (values.length < 2) {
    svg
      .append('line')
      .attr('class', 'sparkline-none')
      .attr('x1', 2)
      .attr('x2', o.width - 2)
      .attr('y1', o.height / 2)
      .attr('y2', o.height / 2)
      .attr('stroke', '#cbd5e0')
      .attr('stroke-dasharray', '3 3');
    return svg.node() as SVGSVGElement;
  }
  const domain = o.domain ?? sparklineDomain(values);
  const last = points.length - 1 - [...points].reverse().findIndex(defined);
  const lastValue = points[last].value as number;
  // Gutters as wide as their labels, so no label is cut or scaled down.
  const LEFT = Math.ceil(Math.max(...domain.map((v) => textWidth(o.formatValue(v), FONT)))) + 6;
  const RIGHT = Math.ceil(textWidth(o.formatValue(lastValue), FONT) * 1.1) + 8;
  const x = d3
    .scaleLinear()
    .domain([0, points.length - 1])
    .range([LEFT, o.width - RIGHT]);
  const y = d3
    .scaleLinear()
    .domain(domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain)
    .range([o.height - BOTTOM, TOP])
    .clamp(true);
  const bottom = o.height - BOTTOM;
  // Scale: a baseline, a faint top rule and their values.
  const axis = svg.append('g').attr('class', 'sparkline-axis').attr('fill', MUTED);
  for (const [v, yy, cls] of [
    [domain[0], bottom, 'sparkline-min'],
    [domain[1], TOP, 'sparkline-max'],
  ] as const) {
    axis
      .append('line')
      .attr('x1', LEFT)
      .attr('x2', o.width - RIGHT)
      .attr('y1', yy)
      .attr('y2', yy)
      .attr('stroke', '#e2e8f0');
    axis
      .append('text')
      .attr('class', cls)
      .attr('x', LEFT - 4)
      .attr('y', yy)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text(o.formatValue(v));
  }
  axis
    .append('text')
    .attr('class', 'sparkline-first-period')
    .attr('x', LEFT)
    .attr('y', o.height - 2)
    .text(points[0].label);
  axis
    .append('text')
    .attr('class', 'sparkline-last-period')
    .attr('x', o.width - RIGHT)
    .attr('y', o.height - 2)
    .attr('text-anchor', 'end')
    .text(points[points.length - 1].label);
  const area = d3
    .area<SparklinePoint>()
    .defined(defined)
    .x((_, i) => x(i))
    .y0(bottom)
    .y1((p) => y(p.value ?? 0));
  const line = d3
    .line<SparklinePoint>()
    .defined(defined)
    .x((_, i) => x(i))
    .y((p) => y(p.value ?? 0));
  svg
    .append('path')
    .attr('d', area([...points]) ?? '')
    .attr('fill', o.color)
    .attr('fill-opacity', 0.12);
  svg
    .append('path')
    .attr('class', 'sparkline-line')
    .attr('d', line([...points]) ?? '')
    .attr('fill', 'none')
    .attr('stroke', o.color)
    .attr('stroke-width', 1.75)
    .attr('stroke-linejoin', 'round');
  svg
    .append('circle')
    .attr('class', 'sparkline-last')
    .attr('cx', x(last))
    .attr('cy', y(lastValue))
    .attr('r', 2.5)
    .attr('fill', o.color);
  svg
    .append('text')
    .attr('class', 'sparkline-last-value')
    .attr('x', x(last) + 5)
    .attr('y', y(lastValue))
    .attr('dy', '0.35em')
    .attr('font-weight', 600)
    .attr('fill', o.color)
    .text(o.formatValue(lastValue));
  // Hover: one invisible column per period, with the period and its value as the tooltip.
  const step = points.length > 1 ? x(1) - x(0) : o.width;
  const hits = svg.append('g').attr('class', 'sparkline-hits');
  points.forEach((p, i) => {
    hits
      .append('rect')
      .attr('class', 'sparkline-hit')
      .attr('x', x(i) - step / 2)
      .attr('y', TOP)
      .attr('width', step)
      .attr('height', bottom - TOP)
      .attr('fill', 'transparent')
      .append('title')
      .text(`${p.label}: ${defined(p) ? o.formatValue(p.value as number) : '–'}`);
  });
  return svg.node() as SVGSVGElement;
}

/** A scale from 0 (or the lowest value when negative) to the highest value. */
export function sparklineDomain(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  return [lo, hi === lo ? lo + 1 : hi];
}
