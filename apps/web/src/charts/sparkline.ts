import * as d3 from 'd3';
import { chartRoot } from './common';
import { ACCENT } from './palette';

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
}

export const SPARKLINE_DEFAULTS: SparklineOptions = {
  width: 160,
  height: 36,
  color: ACCENT,
  ariaLabel: 'Trend',
};

/** A small trend line with a soft area under it and a dot on the latest value. Pure. */
export function sparkline(
  points: readonly SparklinePoint[],
  options: Partial<SparklineOptions> = {},
): SVGSVGElement {
  const o: SparklineOptions = { ...SPARKLINE_DEFAULTS, ...options };
  const svg = chartRoot('sparkline', o.width, o.height, o.ariaLabel, 10);
  const values = points
    .map((p) => p.value)
    .filter((v): v is number => v !== null && Number.isFinite(v));
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
  const pad = 3;
  const x = d3
    .scaleLinear()
    .domain([0, points.length - 1])
    .range([pad, o.width - pad]);
  const [lo, hi] = d3.extent(values) as [number, number];
  const y = d3
    .scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([o.height - pad, pad]);
  const defined = (p: SparklinePoint): boolean => p.value !== null && Number.isFinite(p.value);
  const area = d3
    .area<SparklinePoint>()
    .defined(defined)
    .x((_, i) => x(i))
    .y0(o.height - pad)
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
  const last = points.length - 1 - [...points].reverse().findIndex(defined);
  svg
    .append('circle')
    .attr('cx', x(last))
    .attr('cy', y(points[last].value ?? 0))
    .attr('r', 2.5)
    .attr('fill', o.color);
  return svg.node() as SVGSVGElement;
}
