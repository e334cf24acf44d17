import * as d3 from 'd3';
import { chartRoot, checkValue, compareText, emptyChart, fitText } from './common';
import { channelColor, INK, MUTED } from './palette';

export interface SequenceRow {
  /** Steps in order, e.g. channels of a journey (online → hall → hall). */
  steps: readonly string[];
  count: number;
}

export interface IcicleOptions {
  width: number;
  height: number;
  /** Deeper steps are summed into the last column. */
  maxDepth: number;
  fontSize: number;
  formatCount: (count: number) => string;
  formatShare: (share: number) => string;
  stepLabel: (depth: number) => string;
  /** Display name of a step value (e.g. a translated channel). */
  stepName: (step: string) => string;
  /** The 100 % of the shares (e.g. all journeys, when `rows` are only the top sequences). */
  total: number | null;
  ariaLabel: string;
  emptyLabel: string;
}

export const ICICLE_DEFAULTS: IcicleOptions = {
  width: 720,
  height: 320,
  maxDepth: 5,
  fontSize: 11,
  formatCount: (count) => String(count),
  formatShare: (share) => `${Math.round(share * 100)}%`,
  stepLabel: (depth) => `Step ${depth}`,
  stepName: (step) => step,
  total: null,
  ariaLabel: 'Sequences',
  emptyLabel: 'Nothing to show.',
};

interface Tree {
  name: string;
  children?: Tree[];
  value?: number;
}

/**
 * Sequences as an icicle: one column per step, each block the journeys that share the sequence
 * so far (height by journeys), coloured by the step's value; journeys that end earlier leave the
 * deeper columns empty. The most common branch comes first. Pure.
 */
export function icicleChart(
  rows: readonly SequenceRow[],
  options: Partial<IcicleOptions> = {},
): SVGSVGElement {
  const o: IcicleOptions = { ...ICICLE_DEFAULTS, ...options };
  for (const r of rows) checkValue('icicleChart', r.steps.join(' → '), r.count);
  const sum = rows.reduce((s, r) => s + r.count, 0);
  const total = Math.max(sum, o.total ?? 0);
  if (sum === 0) return emptyChart('icicle-chart', o.width, o.emptyLabel, o.fontSize);
  const root: Tree = { name: '', children: [] };
  for (const row of rows) {
    let node = root;
    const steps = row.steps.slice(0, o.maxDepth);
    for (const step of steps) {
      node.children ??= [];
      let child = node.children.find((c) => c.name === step);
      if (!child) {
        child = { name: step, children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.children ??= [];
    node.children.push({ name: '\u0000end', value: row.count });
  }
  const hierarchy = d3
    .hierarchy<Tree>(root)
    .sum((d) => d.value ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || compareText(a.data.name, b.data.name));
  const header = 18;
  const depth = Math.min(o.maxDepth, Math.max(...rows.map((r) => r.steps.length)));
  const columnWidth = o.width / depth;
  d3.partition<Tree>().size([o.height - header, (depth + 1) * columnWidth])(hierarchy);
  const svg = chartRoot('icicle-chart', o.width, o.height, o.ariaLabel, o.fontSize);
  const known = [...new Set(rows.flatMap((r) => r.steps))].sort(compareText);
  for (let d = 1; d <= depth; d++) {
    svg
      .append('text')
      .attr('x', (d - 1) * columnWidth + 4)
      .attr('y', 12)
      .attr('fill', MUTED)
      .attr('font-weight', 600)
      .text(o.stepLabel(d));
  }
  const nodes = hierarchy.descendants() as d3.HierarchyRectangularNode<Tree>[];
  for (const node of nodes) {
    if (node.depth === 0 || node.data.name === '\u0000end') continue;
    const x = (node.depth - 1) * columnWidth;
    const y = header + node.x0;
    const h = node.x1 - node.x0;
    const count = node.value ?? 0;
    const path = node
      .ancestors()
      .reverse()
      .slice(1)
      .map((a) => o.stepName(a.data.name));
    const g = svg.append('g').attr('class', 'icicle-node').attr('data-path', path.join('>'));
    g.append('title').text(
      `${path.join(' → ')}: ${o.formatCount(count)} (${o.formatShare(count / total)})`,
    );
    g.append('rect')
      .attr('x', x + 1)
      .attr('y', y + 0.5)
      .attr('width', columnWidth - 2)
      .attr('height', Math.max(0.5, h - 1))
      .attr('rx', 2)
      .attr('fill', channelColor(node.data.name, known))
      .attr('fill-opacity', 0.85);
    if (h >= o.fontSize * 2.6) {
      const label = g
        .append('text')
        .attr('x', x + 7)
        .attr('y', y + o.fontSize + 3)
        // Dark blocks (online blue, green) take white text, light ones (orange, yellow) ink.
        .attr('fill', d3.hsl(channelColor(node.data.name, known)).l < 0.45 ? '#ffffff' : INK);
      label
        .append('tspan')
        .attr('font-weight', 600)
        .text(fitText(o.stepName(node.data.name), columnWidth - 14, o.fontSize));
      label
        .append('tspan')
        .attr('x', x + 7)
        .attr('dy', o.fontSize + 3)
        .text(
          fitText(
            `${o.formatCount(count)} · ${o.formatShare(count / total)}`,
            columnWidth - 14,
            o.fontSize,
          ),
        );
    }
  }
  return svg.node() as SVGSVGElement;
}
