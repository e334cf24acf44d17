import * as d3 from 'd3';
import { chartRoot, emptyChart } from './common';
import { ACCENT, MUTED } from './palette';
import { textWidth } from './text';

/** A value at an instant (epoch ms). */
export interface TrajectoryPoint {
  at: number;
  value: number;
}

export interface GoalTrajectoryData {
  /** The KPI per month, placed at the month's end. */
  actual: readonly (TrajectoryPoint & { label: string })[];
  /** Baseline → target at the deadline (two points), or none. */
  plan: readonly TrajectoryPoint[];
  /** The fitted trend to the deadline (two points), or none. */
  projection: readonly TrajectoryPoint[];
  /** The target (a horizontal rule). */
  target: number | null;
}

export interface GoalTrajectoryOptions {
  width: number;
  height: number;
  ariaLabel: string;
  emptyLabel: string;
  formatValue: (value: number) => string;
  /** Axis labels of instants (default 'YYYY-MM' in UTC). */
  formatTime: (at: number) => string;
  /** Legend words. */
  labels: { actual: string; plan: string; projection: string; target: string };
}

export const GOAL_TRAJECTORY_DEFAULTS: GoalTrajectoryOptions = {
  width: 360,
  height: 180,
  ariaLabel: 'Goal trajectory',
  emptyLabel: 'No values yet',
  formatValue: (v) => String(Math.round(v * 100) / 100),
  formatTime: (at) => new Date(at).toISOString().slice(0, 7),
  labels: { actual: 'Actual', plan: 'Plan', projection: 'Projection', target: 'Target' },
};

const FONT = 10;
const TOP = 8;
const BOTTOM = 34; // time axis and the legend below it
const RIGHT = 10;
const PLAN = '#718096';
const PROJECTION = '#dd6b20';
const TARGET = '#38a169';

/**
 * A goal's trajectory: the plan (dashed, baseline to target by the deadline), the KPI as measured
 * (solid, a dot per month), the projection (dotted, the fitted trend to the deadline) and the
 * target as a rule; time runs from the first point to the deadline. Pure.
 */
export function goalTrajectory(
  data: GoalTrajectoryData,
  options: Partial<GoalTrajectoryOptions> = {},
): SVGSVGElement {
  const o: GoalTrajectoryOptions = { ...GOAL_TRAJECTORY_DEFAULTS, ...options };
  const all = [...data.actual, ...data.plan, ...data.projection];
  if (data.actual.length === 0 && data.plan.length === 0) {
    return emptyChart('goal-trajectory', o.width, o.emptyLabel, FONT);
  }
  const svg = chartRoot('goal-trajectory', o.width, o.height, o.ariaLabel, FONT);
  const values = all.map((p) => p.value);
  if (data.target !== null) values.push(data.target);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const domain: [number, number] = [lo, hi === lo ? lo + 1 : hi];
  // The gutter is as wide as the widest tick label, so none is cut.
  const ticks = d3.scaleLinear().domain(domain).nice().ticks(3);
  const left = Math.ceil(Math.max(...ticks.map((v) => textWidth(o.formatValue(v), FONT)))) + 8;
  const times = all.map((p) => p.at);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = d3
    .scaleLinear()
    .domain(t0 === t1 ? [t0 - 1, t1 + 1] : [t0, t1])
    .range([left, o.width - RIGHT]);
  const bottom = o.height - BOTTOM;
  const y = d3.scaleLinear().domain(domain).range([bottom, TOP]).nice();
  const axis = svg.append('g').attr('class', 'goal-axis').attr('fill', MUTED);
  for (const v of ticks) {
    axis
      .append('line')
      .attr('x1', left)
      .attr('x2', o.width - RIGHT)
      .attr('y1', y(v))
      .attr('y2', y(v))
      .attr('stroke', '#edf2f7');
    axis
      .append('text')
      .attr('class', 'goal-y-tick')
      .attr('x', left - 4)
      .attr('y', y(v))
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text(o.formatValue(v));
  }
  for (const [at, anchor] of [
    [t0, 'start'],
    [t1, 'end'],
  ] as const) {
    axis
      .append('text')
      .attr('class', 'goal-x-tick')
      .attr('x', x(at))
      .attr('y', bottom + 12)
      .attr('text-anchor', anchor)
      .text(o.formatTime(at));
  }
  const line = d3
    .line<TrajectoryPoint>()
    .x((p) => x(p.at))
    .y((p) => y(p.value));
  if (data.target !== null) {
    svg
      .append('line')
      .attr('class', 'goal-target')
      .attr('x1', left)
      .attr('x2', o.width - RIGHT)
      .attr('y1', y(data.target))
      .attr('y2', y(data.target))
      .attr('stroke', TARGET)
      .attr('stroke-opacity', 0.6);
  }
  if (data.plan.length > 1) {
    svg
      .append('path')
      .attr('class', 'goal-plan')
      .attr('d', line([...data.plan]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', PLAN)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '6 4');
  }
  if (data.projection.length > 1) {
    svg
      .append('path')
      .attr('class', 'goal-projection')
      .attr('d', line([...data.projection]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', PROJECTION)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '2 3');
  }
  if (data.actual.length > 0) {
    svg
      .append('path')
      .attr('class', 'goal-actual')
      .attr('d', line([...data.actual]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', ACCENT)
      .attr('stroke-width', 2);
    const dots = svg.append('g').attr('class', 'goal-dots').attr('fill', ACCENT);
    for (const p of data.actual) {
      dots
        .append('circle')
        .attr('class', 'goal-dot')
        .attr('cx', x(p.at))
        .attr('cy', y(p.value))
        .attr('r', 2.5)
        .append('title')
        .text(`${p.label}: ${o.formatValue(p.value)}`);
    }
  }
  // Legend: a swatch and a word per line drawn, in one row under the axis.
  const legend = svg
    .append('g')
    .attr('class', 'goal-legend')
    .attr('transform', `translate(${left},${o.height - 6})`);
  let lx = 0;
  const entries: [string, string, string][] = [
    [o.labels.actual, ACCENT, ''],
    [o.labels.plan, PLAN, '6 4'],
    [o.labels.projection, PROJECTION, '2 3'],
  ];
  if (data.target !== null) entries.push([o.labels.target, TARGET, '']);
  for (const [label, color, dash] of entries) {
    legend
      .append('line')
      .attr('x1', lx)
      .attr('x2', lx + 16)
      .attr('y1', -3)
      .attr('y2', -3)
      .attr('stroke', color)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', dash || null);
    legend
      .append('text')
      .attr('class', 'goal-legend-label')
      .attr('x', lx + 20)
      .attr('y', 0)
      .attr('fill', MUTED)
      .text(label);
    lx += 20 + Math.ceil(textWidth(label, FONT)) + 12;
  }
  return svg.node() as SVGSVGElement;
}
