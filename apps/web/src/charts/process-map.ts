import dagre from '@dagrejs/dagre';
import * as d3 from 'd3';
import type { MiningResult } from '@onetrip/contracts';
import { textWidth, wrapText } from './text';
import { uid } from './uid';

/** What the process map needs from a mining result. */
export type ProcessMapData = Pick<
  MiningResult,
  'activities' | 'dfg' | 'startActivities' | 'endActivities'
>;

export interface ProcessMapOptions {
  formatCount: (count: number) => string;
  /** Mean duration of a transition, in seconds, as people read it (`3 d 4 h`). */
  formatDuration: (seconds: number) => string;
  startLabel: string;
  endLabel: string;
  emptyLabel: string;
  /** Accessible name of the whole map. */
  ariaLabel: (activities: number, edges: number) => string;
  activityTitle: (activity: string, count: string) => string;
  /** `duration` is null for the links from the start and to the end marker. */
  edgeTitle: (from: string, to: string, count: string, duration: string | null) => string;
  fontFamily: string;
  fontSize: number;
  /** Longest line of an activity name before it wraps, in px. */
  maxLabelWidth: number;
  maxLabelLines: number;
  nodePaddingX: number;
  nodePaddingY: number;
  minNodeWidth: number;
  rankSep: number;
  nodeSep: number;
  edgeSep: number;
  margin: number;
  terminalRadius: number;
  /** Gap between an arrow and its label. */
  edgeLabelOffset: number;
  /** Edge stroke width range, from the rarest to the most frequent transition. */
  edgeWidth: readonly [number, number];
  /** Node fill ramp (colour-blind safe sequential blues), from the rarest to the most frequent. */
  nodeFill: readonly [string, string];
  nodeStroke: string;
  edgeColor: string;
  terminalEdgeColor: string;
  terminalFill: string;
  labelColor: string;
  mutedColor: string;
}

export const PROCESS_MAP_DEFAULTS: ProcessMapOptions = {
  formatCount: (count) => String(count),
  formatDuration: (seconds) => `${Math.round(seconds)} s`,
  startLabel: 'Start',
  endLabel: 'End',
  emptyLabel: 'No activities to show.',
  ariaLabel: (activities, edges) =>
    `Process map with ${activities} activities and ${edges} transitions`,
  activityTitle: (activity, count) => `${activity}: ${count} times`,
  edgeTitle: (from, to, count, duration) =>
    `${from} → ${to}: ${count} times` + (duration === null ? '' : `, mean ${duration}`),
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif',
  fontSize: 13,
  maxLabelWidth: 150,
  maxLabelLines: 2,
  nodePaddingX: 14,
  nodePaddingY: 9,
  minNodeWidth: 96,
  rankSep: 56,
  nodeSep: 40,
  edgeSep: 18,
  margin: 16,
  terminalRadius: 15,
  edgeLabelOffset: 5,
  edgeWidth: [1.25, 7],
  nodeFill: ['#deebf7', '#2b6cb0'],
  nodeStroke: '#1e3a5f',
  edgeColor: '#5b6b7f',
  terminalEdgeColor: '#9aa5b1',
  terminalFill: '#243447',
  labelColor: '#1a202c',
  mutedColor: '#4a5568',
};

const BOLD_WIDTH_FACTOR = 1.1;
const START = '\u0000start';
const END = '\u0000end';

interface NodeBox {
  id: string;
  kind: 'activity' | 'start' | 'end';
  activity: string;
  count: number;
  lines: string[];
  width: number;
  height: number;
}

interface EdgeItem {
  from: string;
  to: string;
  count: number;
  meanSeconds: number | null;
  terminal: boolean;
  label: string[];
  labelWidth: number;
  labelHeight: number;
}

interface Positioned {
  x: number;
  y: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fails fast on data that cannot be drawn, naming what is wrong. */
function validate(data: ProcessMapData): void {
  const known = new Set(data.activities.map((a) => a.activity));
  for (const edge of data.dfg) {
    for (const end of [edge.from, edge.to]) {
      if (!known.has(end)) {
        throw new Error(`processMap: edge ${edge.from} → ${edge.to} names unknown activity ${end}`);
      }
    }
  }
}

/**
 * The process map: activities as boxes with their counts, directly-follows transitions as arrows
 * with counts and mean durations, plus start and end markers; laid out top to bottom by dagre.
 * Pure: the same data and options give the same SVG. Zoom and pan are attached by the view to
 * the `g.pm-viewport` group.
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

  // Stable order in, stable layout out: most frequent activities first, then by name.
  const activities = [...data.activities].sort(
    (a, b) => b.count - a.count || compareText(a.activity, b.activity),
  );
  const lineHeight = Math.round(o.fontSize * 1.3);
  const countSize = o.fontSize - 2;
  const nodes: NodeBox[] = activities.map((a) => {
    // Names are set in bold, which runs about a tenth wider than the regular estimate.
    const boldSize = o.fontSize * BOLD_WIDTH_FACTOR;
    const lines = wrapText(a.activity, o.maxLabelWidth, boldSize, o.maxLabelLines);
    const countText = o.formatCount(a.count);
    const contentWidth = Math.max(
      ...lines.map((line) => textWidth(line, boldSize)),
      textWidth(countText, countSize),
    );
    return {
      id: `a:${a.activity}`,
      kind: 'activity',
      activity: a.activity,
      count: a.count,
      lines,
      width: Math.max(o.minNodeWidth, Math.ceil(contentWidth + 2 * o.nodePaddingX)),
      height: lines.length * lineHeight + countSize + 4 + 2 * o.nodePaddingY,
    };
  });
  const terminalSize = 2 * o.terminalRadius;
  const hasStart = data.startActivities.length > 0;
  const hasEnd = data.endActivities.length > 0;
  if (hasStart) {
    nodes.push({
      id: START,
      kind: 'start',
      activity: o.startLabel,
      count: 0,
      lines: [],
      width: terminalSize,
      height: terminalSize,
    });
  }
  if (hasEnd) {
    nodes.push({
      id: END,
      kind: 'end',
      activity: o.endLabel,
      count: 0,
      lines: [],
      width: terminalSize,
      height: terminalSize,
    });
  }

  const labelSize = o.fontSize - 2;
  const edgeLabel = (count: number, meanSeconds: number | null): string[] =>
    meanSeconds === null
      ? [o.formatCount(count)]
      : [o.formatCount(count), o.formatDuration(meanSeconds)];
  const makeEdge = (
    from: string,
    to: string,
    count: number,
    meanSeconds: number | null,
    terminal: boolean,
  ): EdgeItem => {
    const label = edgeLabel(count, meanSeconds);
    return {
      from,
      to,
      count,
      meanSeconds,
      terminal,
      label,
      labelWidth: Math.ceil(Math.max(...label.map((l) => textWidth(l, labelSize))) + 8),
      labelHeight: label.length * (labelSize + 3) + 2,
    };
  };
  const edges: EdgeItem[] = [
    ...[...data.startActivities]
      .sort((a, b) => compareText(a.activity, b.activity))
      .map((s) => makeEdge(START, `a:${s.activity}`, s.count, null, true)),
    ...[...data.dfg]
      .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))
      .map((e) => makeEdge(`a:${e.from}`, `a:${e.to}`, e.count, e.durationSeconds.mean, false)),
    ...[...data.endActivities]
      .sort((a, b) => compareText(a.activity, b.activity))
      .map((s) => makeEdge(`a:${s.activity}`, END, s.count, null, true)),
  ];

  const graph = new dagre.graphlib.Graph<
    Record<string, unknown>,
    { width: number; height: number; x?: number; y?: number },
    {
      width: number;
      height: number;
      labelpos: 'r';
      labeloffset: number;
      weight: number;
      minlen: number;
      x?: number;
      y?: number;
      points?: Positioned[];
    }
  >({ multigraph: false });
  graph.setGraph({
    rankdir: 'TB',
    ranksep: o.rankSep,
    nodesep: o.nodeSep,
    edgesep: o.edgeSep,
    marginx: o.margin,
    // Room for the Start and End labels above and below the graph.
    marginy: o.margin + o.fontSize + 4,
    ranker: 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({
    width: 0,
    height: 0,
    labelpos: 'r',
    labeloffset: 0,
    weight: 1,
    minlen: 1,
  }));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of edges) {
    graph.setEdge(edge.from, edge.to, {
      width: edge.labelWidth,
      height: edge.labelHeight,
      // Beside the arrow rather than on it, so the label never hides the line.
      labelpos: 'r',
      labeloffset: o.edgeLabelOffset,
      // Frequent transitions pull harder towards straight vertical lines.
      weight: Math.max(1, Math.round(Math.log2(edge.count + 1))),
      minlen: 1,
    });
  }
  dagre.layout(graph);

  const graphLabel = graph.graph() as { width?: number; height?: number };
  const width = Math.ceil(graphLabel.width ?? 0);
  const height = Math.ceil(graphLabel.height ?? 0);
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

  // Arrowheads in two sizes, so that the heaviest arrows do not end in a blunt stub.
  const markerId = uid('pm-arrow');
  const largeMarkerId = uid('pm-arrow-large');
  const terminalMarkerId = uid('pm-arrow-muted');
  const defs = svg.append('defs');
  for (const [id, color, size] of [
    [markerId, o.edgeColor, 9],
    [largeMarkerId, o.edgeColor, 14],
    [terminalMarkerId, o.terminalEdgeColor, 8],
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
  const maxCount = Math.max(1, ...activities.map((a) => a.count));
  const maxEdgeCount = Math.max(1, ...edges.map((e) => e.count));
  const fill = d3
    .scaleSequentialSqrt(d3.interpolateRgb(o.nodeFill[0], o.nodeFill[1]))
    .domain([0, maxCount]);
  const strokeWidth = d3.scaleSqrt().domain([1, maxEdgeCount]).range(o.edgeWidth).clamp(true);
  const line = d3
    .line<Positioned>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(d3.curveBasis);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const position = (id: string): Positioned & { width: number; height: number } => {
    const p = graph.node(id);
    return { x: p.x ?? 0, y: p.y ?? 0, width: p.width, height: p.height };
  };

  // Edges first, so that nodes cover their ends.
  const edgeLayer = viewport.append('g').attr('class', 'pm-edges');
  const labelLayer = viewport.append('g').attr('class', 'pm-edge-labels');
  for (const edge of edges) {
    const laid = graph.edge(edge.from, edge.to);
    const group = edgeLayer
      .append('g')
      .attr('class', edge.terminal ? 'pm-edge pm-edge-terminal' : 'pm-edge')
      .attr('data-from', nodeById.get(edge.from)?.activity ?? '')
      .attr('data-to', nodeById.get(edge.to)?.activity ?? '');
    const countText = o.formatCount(edge.count);
    const fromName = nodeById.get(edge.from)?.activity ?? '';
    const toName = nodeById.get(edge.to)?.activity ?? '';
    group
      .append('title')
      .text(
        o.edgeTitle(
          fromName,
          toName,
          countText,
          edge.meanSeconds === null ? null : o.formatDuration(edge.meanSeconds),
        ),
      );
    let d: string;
    let labelX = laid.x ?? 0;
    let labelY = laid.y ?? 0;
    if (edge.from === edge.to) {
      // A loop (rework): a bow on the node's right side, label beyond it.
      const n = position(edge.from);
      const x0 = n.x + n.width / 2;
      // dagre reserves room for the loop's label beside the node; the bow ends where it starts.
      labelX = laid.x ?? x0 + 30 + edge.labelWidth / 2;
      const reach = Math.max(18, labelX - edge.labelWidth / 2 - x0);
      d = `M ${x0} ${n.y - n.height / 4} C ${x0 + reach} ${n.y - n.height / 2 - 6} ${x0 + reach} ${n.y + n.height / 2 + 6} ${x0 + 1} ${n.y + n.height / 4}`;
      labelY = n.y;
    } else {
      d = line(laid.points ?? []) ?? '';
    }
    const width = edge.terminal ? 1.5 : strokeWidth(edge.count);
    const marker = edge.terminal ? terminalMarkerId : width > 3.5 ? largeMarkerId : markerId;
    group
      .append('path')
      .attr('d', d)
      .attr('fill', 'none')
      .attr('stroke', edge.terminal ? o.terminalEdgeColor : o.edgeColor)
      .attr('stroke-width', width)
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
        .attr('fill', i === 0 ? o.labelColor : o.mutedColor)
        .text(text);
    });
  }

  const nodeLayer = viewport.append('g').attr('class', 'pm-nodes');
  for (const node of nodes) {
    const p = position(node.id);
    const group = nodeLayer
      .append('g')
      .attr('class', `pm-node pm-node-${node.kind}`)
      .attr('data-activity', node.kind === 'activity' ? node.activity : null)
      .attr('transform', `translate(${p.x},${p.y})`);
    if (node.kind !== 'activity') {
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
    const background = fill(node.count);
    const dark = d3.hsl(background).l < 0.55;
    const countText = o.formatCount(node.count);
    group.append('title').text(o.activityTitle(node.activity, countText));
    group
      .append('rect')
      .attr('x', -node.width / 2)
      .attr('y', -node.height / 2)
      .attr('width', node.width)
      .attr('height', node.height)
      .attr('rx', 7)
      .attr('fill', background)
      .attr('stroke', o.nodeStroke)
      .attr('stroke-width', 1.25);
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
      .text(countText);
  }

  return svg.node() as SVGSVGElement;
}
