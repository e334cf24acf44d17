import * as d3 from 'd3';
import type { ActivityStats, DfgEdge } from '@onetrip/contracts';
import { FONT_FAMILY, WAIT_RAMP } from './palette';
import {
  edgePath,
  MAP_LAYOUT_DEFAULTS,
  placeMap,
  validate,
  type MapElement,
  type MapLanes,
  type MapLayout,
  type MapLayoutOptions,
  type ProcessMapData,
} from './process-map-layout';
import { textWidth } from './text';
import { uid } from './uid';

// One import for the chart: its geometry lives in process-map-layout.ts (no DOM there).
export {
  edgeKey,
  layoutProcessMap,
  type MapElement,
  type MapLanes,
  type MapLayout,
  type ProcessMapData,
} from './process-map-layout';

/** Drawing options; the layout's own (sizes, spacing, marker labels) come from MapLayoutOptions. */
export interface ProcessMapOptions extends MapLayoutOptions {
  formatCount: (count: number) => string;
  /** Mean duration of a transition, in seconds, as people read it (`3 d 4 h`). */
  formatDuration: (seconds: number) => string;
  /** The figure under an activity's name (default: its count). */
  nodeFigure: ((activity: ActivityStats) => string) | null;
  /** The label lines of a transition (default: count and mean duration). */
  edgeFigures: ((edge: DfgEdge) => string[]) | null;
  /** Seconds waited in front of each activity: when given, nodes are coloured by it. */
  nodeHeat: ReadonlyMap<string, number> | null;
  /** Drawn emphasised; everything else dims. */
  highlight: MapElement | null;
  lanes: MapLanes | null;
  /** A layout to reuse (from `layoutProcessMap`), so that nodes stay where they were. */
  layout: MapLayout | null;
  emptyLabel: string;
  /** Accessible name of the whole map. */
  ariaLabel: (activities: number, edges: number) => string;
  activityTitle: (activity: string, count: string) => string;
  /** `duration` is null for the links from the start and to the end marker. */
  edgeTitle: (from: string, to: string, count: string, duration: string | null) => string;
  fontFamily: string;
  /** Edge stroke width range, from the rarest to the most frequent transition. */
  edgeWidth: readonly [number, number];
  /** Node fill ramp (colour-blind safe sequential blues), from the rarest to the most frequent. */
  nodeFill: readonly [string, string];
  nodeStroke: string;
  edgeColor: string;
  highlightColor: string;
  terminalEdgeColor: string;
  terminalFill: string;
  labelColor: string;
  mutedColor: string;
  laneFill: readonly [string, string];
}

export const PROCESS_MAP_DEFAULTS: ProcessMapOptions = {
  ...MAP_LAYOUT_DEFAULTS,
  formatCount: (count) => String(count),
  formatDuration: (seconds) => `${Math.round(seconds)} s`,
  nodeFigure: null,
  edgeFigures: null,
  nodeHeat: null,
  highlight: null,
  lanes: null,
  layout: null,
  emptyLabel: 'No activities to show.',
  ariaLabel: (activities, edges) =>
    `Process map with ${activities} activities and ${edges} transitions`,
  activityTitle: (activity, count) => `${activity}: ${count} times`,
  edgeTitle: (from, to, count, duration) =>
    `${from} → ${to}: ${count} times` + (duration === null ? '' : `, mean ${duration}`),
  fontFamily: FONT_FAMILY,
  edgeWidth: [1.25, 7],
  nodeFill: ['#deebf7', '#2b6cb0'],
  nodeStroke: '#1e3a5f',
  edgeColor: '#5b6b7f',
  highlightColor: '#d55e00',
  terminalEdgeColor: '#9aa5b1',
  terminalFill: '#243447',
  labelColor: '#1a202c',
  mutedColor: '#4a5568',
  laneFill: ['#f4f7fb', '#eaf0f7'],
};

/**
 * The process map: activities as boxes with a figure (count by default), directly-follows
 * transitions as arrows (width by count) labelled with their figures, plus start and end
 * markers; laid out top to bottom by dagre. Pure: the same data and options give the same SVG.
 * Zoom and pan are attached by the view to the `g.pm-viewport` group; clicks are read from the
 * `data-activity` / `data-from` / `data-to` attributes.
 */
export function processMap(
  data: ProcessMapData,
  options: Partial<ProcessMapOptions> = {},
): SVGSVGElement {
  const o: ProcessMapOptions = { ...PROCESS_MAP_DEFAULTS, ...options };
  validate(data);

  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'process-map')
    .attr('role', 'img')
    .attr('font-family', o.fontFamily)
    .attr('font-size', o.fontSize)
    .attr('aria-label', o.ariaLabel(data.activities.length, data.dfg.length));

  if (data.activities.length === 0) {
    const width = Math.max(240, textWidth(o.emptyLabel, o.fontSize) + 2 * o.margin);
    svg
      .attr('width', width)
      .attr('height', 60)
      .attr('viewBox', `0 0 ${width} 60`)
      .append('text')
      .attr('x', width / 2)
      .attr('y', 34)
      .attr('text-anchor', 'middle')
      .attr('fill', o.mutedColor)
      .text(o.emptyLabel);
    return svg.node() as SVGSVGElement;
  }

  const { nodes, layout, bands, edges } = placeMap(data, o, o.layout, o.lanes, {
    edge: (edge) =>
      o.edgeFigures
        ? o.edgeFigures(edge)
        : [o.formatCount(edge.count), o.formatDuration(edge.durationSeconds.mean)],
    terminal: (count) => [o.formatCount(count)],
  });
  const lineHeight = Math.round(o.fontSize * 1.3);
  const countSize = o.fontSize - 2;
  const labelSize = o.fontSize - 2;

  const { width, height } = layout;
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

  // Arrowheads in two sizes, so that the heaviest arrows do not end in a blunt stub.
  const markerId = uid('pm-arrow');
  const largeMarkerId = uid('pm-arrow-large');
  const terminalMarkerId = uid('pm-arrow-muted');
  const highlightMarkerId = uid('pm-arrow-highlight');
  const defs = svg.append('defs');
  for (const [id, color, size] of [
    [markerId, o.edgeColor, 9],
    [largeMarkerId, o.edgeColor, 14],
    [terminalMarkerId, o.terminalEdgeColor, 8],
    [highlightMarkerId, o.highlightColor, 12],
  ] as const) {
    defs
      .append('marker')
      .attr('id', id)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', size)
      .attr('markerHeight', size)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M 0 0 L 10 5 L 0 10 z')
      .attr('fill', color);
  }

  const viewport = svg.append('g').attr('class', 'pm-viewport');
  if (bands.length > 0) {
    const laneLayer = viewport.append('g').attr('class', 'pm-lanes');
    bands.forEach((band, i) => {
      laneLayer
        .append('rect')
        .attr('class', 'pm-lane')
        .attr('x', band.x)
        .attr('y', 4)
        .attr('width', band.width)
        .attr('height', height - 8)
        .attr('rx', 10)
        .attr('fill', o.laneFill[i % 2]);
      laneLayer
        .append('text')
        .attr('class', 'pm-lane-label')
        .attr('x', band.x + 10)
        .attr('y', 20)
        .attr('font-size', o.fontSize - 1)
        .attr('font-weight', 600)
        .attr('fill', o.mutedColor)
        .text((band.lane && o.lanes?.labels?.get(band.lane)) || band.lane || '–');
    });
  }
  const activities = nodes.filter((n) => n.kind === 'activity');
  const maxCount = Math.max(1, ...activities.map((a) => a.stats?.count ?? 0));
  const maxEdgeCount = Math.max(1, ...edges.map((e) => e.count));
  const fill = d3
    .scaleSequentialSqrt(d3.interpolateRgb(o.nodeFill[0], o.nodeFill[1]))
    .domain([0, maxCount]);
  const heat = o.nodeHeat;
  const maxHeat = heat ? Math.max(1, ...heat.values()) : 1;
  const heatFill = d3
    .scaleSequentialSqrt(d3.interpolateRgb(WAIT_RAMP[0], WAIT_RAMP[1]))
    .domain([0, maxHeat]);
  const strokeWidth = d3.scaleSqrt().domain([1, maxEdgeCount]).range(o.edgeWidth).clamp(true);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const position = (id: string): { x: number; y: number } => layout.nodes.get(id) ?? { x: 0, y: 0 };
  const hi = o.highlight;
  const edgeHighlighted = (from: string, to: string): boolean =>
    hi !== null &&
    ((hi.kind === 'edge' && hi.from === from && hi.to === to) ||
      (hi.kind === 'activity' && (hi.activity === from || hi.activity === to)));
  if (hi) svg.classed('pm-has-highlight', true);

  // Edges first, so that nodes cover their ends.
  const edgeLayer = viewport.append('g').attr('class', 'pm-edges');
  const labelLayer = viewport.append('g').attr('class', 'pm-edge-labels');
  for (const edge of edges) {
    const fromName = nodeById.get(edge.from)?.activity ?? '';
    const toName = nodeById.get(edge.to)?.activity ?? '';
    const lit = !edge.terminal && edgeHighlighted(fromName, toName);
    const group = edgeLayer
      .append('g')
      .attr(
        'class',
        `pm-edge${edge.terminal ? ' pm-edge-terminal' : ''}${lit ? ' pm-highlight' : ''}`,
      )
      .attr('data-from', fromName)
      .attr('data-to', toName);
    group
      .append('title')
      .text(
        o.edgeTitle(
          fromName,
          toName,
          o.formatCount(edge.count),
          edge.meanSeconds === null ? null : o.formatDuration(edge.meanSeconds),
        ),
      );
    const { d, labelX, labelY } = edgePath(edge, layout, o);
    const width = edge.terminal ? 1.5 : strokeWidth(edge.count);
    const marker = lit
      ? highlightMarkerId
      : edge.terminal
        ? terminalMarkerId
        : width > 3.5
          ? largeMarkerId
          : markerId;
    if (!edge.terminal) {
      // A wide invisible twin: thin arrows are easy to click.
      group
        .append('path')
        .attr('class', 'pm-edge-hit')
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', 'transparent')
        .attr('stroke-width', 12);
    }
    group
      .append('path')
      .attr('class', 'pm-edge-line')
      .attr('d', d)
      .attr('fill', 'none')
      .attr('stroke', lit ? o.highlightColor : edge.terminal ? o.terminalEdgeColor : o.edgeColor)
      .attr('stroke-width', lit ? Math.max(3, width) : width)
      .attr('stroke-dasharray', edge.terminal ? '4 3' : null)
      .attr('stroke-linecap', 'round')
      .attr('marker-end', `url(#${marker})`);

    const labelLeft = labelX - edge.labelWidth / 2 + 4;
    const label = labelLayer
      .append('text')
      .attr('class', 'pm-edge-label')
      .attr('x', labelLeft)
      .attr('y', labelY - ((edge.label.length - 1) * (labelSize + 3)) / 2)
      .attr('text-anchor', 'start')
      .attr('dominant-baseline', 'central')
      .attr('font-size', labelSize)
      .attr('fill', o.labelColor)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 3.5)
      .attr('stroke-linejoin', 'round')
      .attr('paint-order', 'stroke')
      .attr('aria-hidden', 'true');
    edge.label.forEach((text, i) => {
      label
        .append('tspan')
        .attr('x', labelLeft)
        .attr('dy', i === 0 ? 0 : labelSize + 3)
        .attr('font-weight', i === 0 ? 600 : 400)
        .attr('fill', lit ? o.highlightColor : i === 0 ? o.labelColor : o.mutedColor)
        .text(text);
    });
  }

  const nodeLayer = viewport.append('g').attr('class', 'pm-nodes');
  for (const node of nodes) {
    const p = position(node.id);
    const lit = hi !== null && hi.kind === 'activity' && hi.activity === node.activity;
    const group = nodeLayer
      .append('g')
      .attr('class', `pm-node pm-node-${node.kind}${lit ? ' pm-highlight' : ''}`)
      .attr('data-activity', node.kind === 'activity' ? node.activity : null)
      .attr('transform', `translate(${p.x},${p.y})`);
    if (node.kind !== 'activity' || !node.stats) {
      group.append('title').text(node.activity);
      group
        .append('circle')
        .attr('r', o.terminalRadius)
        .attr('fill', node.kind === 'start' ? o.terminalFill : '#ffffff')
        .attr('stroke', o.terminalFill)
        .attr('stroke-width', node.kind === 'start' ? 0 : 3);
      if (node.kind === 'start') {
        group.append('path').attr('d', 'M -4 -6.5 L 7 0 L -4 6.5 z').attr('fill', '#ffffff');
      } else {
        group
          .append('rect')
          .attr('x', -5.5)
          .attr('y', -5.5)
          .attr('width', 11)
          .attr('height', 11)
          .attr('rx', 1.5)
          .attr('fill', o.terminalFill);
      }
      // Start's label above it, End's below: arrows leave Start downwards and reach End from above.
      group
        .append('text')
        .attr('x', 0)
        .attr('y', node.kind === 'start' ? -o.terminalRadius - 6 : o.terminalRadius + 6)
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', node.kind === 'start' ? 'auto' : 'hanging')
        .attr('font-size', o.fontSize - 1)
        .attr('font-weight', 600)
        .attr('fill', o.mutedColor)
        .text(node.activity);
      continue;
    }
    const stats = node.stats;
    const background = heat ? heatFill(heat.get(node.activity) ?? 0) : fill(stats.count);
    const dark = d3.hsl(background).l < 0.55;
    const figure = o.nodeFigure ? o.nodeFigure(stats) : o.formatCount(stats.count);
    group.append('title').text(o.activityTitle(node.activity, figure));
    group
      .append('rect')
      .attr('x', -node.width / 2)
      .attr('y', -node.height / 2)
      .attr('width', node.width)
      .attr('height', node.height)
      .attr('rx', 7)
      .attr('fill', background)
      .attr('stroke', lit ? o.highlightColor : o.nodeStroke)
      .attr('stroke-width', lit ? 3.5 : 1.25);
    const textTop = -node.height / 2 + o.nodePaddingY;
    const text = group
      .append('text')
      .attr('class', 'pm-node-label')
      .attr('text-anchor', 'middle')
      .attr('fill', dark ? '#ffffff' : o.labelColor);
    node.lines.forEach((lineText, i) => {
      text
        .append('tspan')
        .attr('x', 0)
        .attr('y', textTop + (i + 0.8) * lineHeight)
        .attr('font-weight', 600)
        .text(lineText);
    });
    text
      .append('tspan')
      .attr('class', 'pm-node-count')
      .attr('x', 0)
      .attr('y', textTop + node.lines.length * lineHeight + countSize + 1)
      .attr('font-size', countSize)
      .attr('fill', dark ? '#e2ecf7' : o.mutedColor)
      .text(figure);
  }

  return svg.node() as SVGSVGElement;
}
