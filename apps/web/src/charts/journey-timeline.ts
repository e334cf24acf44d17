import * as d3 from 'd3';
import { chartRoot, compareText, emptyChart, fitText } from './common';
import { channelColor, GRID, INK, MUTED } from './palette';
import { textWidth } from './text';

export interface TimelineEvent {
  activity: string;
  /** Epoch ms; null when the instance has no start. */
  start: number | null;
  complete: number;
  channel: string | null;
  trip: number | null;
}

export interface TimelineTrip {
  trip: number;
  location: string | null;
  start: number;
  end: number;
}

export interface JourneyTimelineData {
  events: readonly TimelineEvent[];
  trips: readonly TimelineTrip[];
}

export interface JourneyTimelineOptions {
  width: number;
  rowHeight: number;
  labelWidth: number;
  fontSize: number;
  formatTime: (epochMs: number) => string;
  formatTick: (epochMs: number) => string;
  channelName: (channel: string | null) => string;
  tripLabel: (trip: number, location: string | null) => string;
  ariaLabel: string;
  emptyLabel: string;
}

export const JOURNEY_TIMELINE_DEFAULTS: JourneyTimelineOptions = {
  width: 900,
  rowHeight: 26,
  labelWidth: 190,
  fontSize: 12,
  formatTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
  formatTick: (ms) => new Date(ms).toISOString().slice(5, 10),
  channelName: (channel) => channel ?? '–',
  tripLabel: (trip, location) => `Trip ${trip}${location ? ` · ${location}` : ''}`,
  ariaLabel: 'Journey timeline',
  emptyLabel: 'No events.',
};

/**
 * One journey on a time axis: one row per activity instance in order (a bar from start to
 * completion, a diamond without a start), coloured by channel, with its in-person trips as
 * shaded bands across all rows. A legend lists the channels. Pure.
 */
export function journeyTimeline(
  data: JourneyTimelineData,
  options: Partial<JourneyTimelineOptions> = {},
): SVGSVGElement {
  const o: JourneyTimelineOptions = { ...JOURNEY_TIMELINE_DEFAULTS, ...options };
  if (data.events.length === 0)
    return emptyChart('journey-timeline', o.width, o.emptyLabel, o.fontSize);
  for (const e of data.events) {
    if (!Number.isFinite(e.complete) || (e.start !== null && !(e.start <= e.complete))) {
      throw new Error(
        `journeyTimeline: event ${e.activity} has start ${e.start} after complete ${e.complete}`,
      );
    }
  }
  const events = [...data.events].sort(
    (a, b) => (a.start ?? a.complete) - (b.start ?? b.complete) || a.complete - b.complete,
  );
  const channels = [...new Set(events.map((e) => e.channel ?? ''))].sort(compareText);
  const top = 44;
  const bottom = 28;
  const height = top + events.length * o.rowHeight + bottom;
  const svg = chartRoot('journey-timeline', o.width, height, o.ariaLabel, o.fontSize);
  const times = events.flatMap((e) => [e.start ?? e.complete, e.complete]);
  const [lo, hi] = d3.extent(times) as [number, number];
  const span = Math.max(hi - lo, 60_000);
  const x = d3
    .scaleLinear()
    .domain([lo - span * 0.02, lo + span * 1.02])
    .range([o.labelWidth + 12, o.width - 16]);
  // Legend.
  let lx = o.labelWidth + 12;
  for (const channel of channels) {
    const name = o.channelName(channel || null);
    svg
      .append('rect')
      .attr('x', lx)
      .attr('y', 6)
      .attr('width', 12)
      .attr('height', 12)
      .attr('rx', 2)
      .attr('fill', channelColor(channel, channels));
    svg
      .append('text')
      .attr('x', lx + 17)
      .attr('y', 12)
      .attr('dominant-baseline', 'central')
      .attr('fill', INK)
      .text(name);
    lx += 17 + textWidth(name, o.fontSize) + 18;
  }
  const plotBottom = top + events.length * o.rowHeight;
  for (const trip of [...data.trips].sort((a, b) => a.trip - b.trip)) {
    const x0 = x(trip.start);
    const x1 = Math.max(x(trip.end), x0 + 6);
    const g = svg.append('g').attr('class', 'timeline-trip').attr('data-trip', trip.trip);
    g.append('rect')
      .attr('x', x0 - 3)
      .attr('y', top - 6)
      .attr('width', x1 - x0 + 6)
      .attr('height', plotBottom - top + 6)
      .attr('rx', 4)
      .attr('fill', '#e69f00')
      .attr('fill-opacity', 0.12)
      .attr('stroke', '#e69f00')
      .attr('stroke-opacity', 0.5);
    // Near the right edge the label ends at the edge instead of running off it.
    const label = o.tripLabel(trip.trip, trip.location);
    g.append('text')
      .attr('x', Math.min(x0 - 1, o.width - 4 - textWidth(label, o.fontSize)))
      .attr('y', top - 10)
      .attr('fill', '#8a5a00')
      .attr('font-weight', 600)
      .text(label);
  }
  const ticks = x.ticks(Math.max(2, Math.floor((o.width - o.labelWidth) / 110)));
  for (const t of ticks) {
    svg
      .append('line')
      .attr('x1', x(t))
      .attr('x2', x(t))
      .attr('y1', top - 4)
      .attr('y2', plotBottom)
      .attr('stroke', GRID);
    svg
      .append('text')
      .attr('x', x(t))
      .attr('y', plotBottom + 16)
      .attr('text-anchor', 'middle')
      .attr('fill', MUTED)
      .text(o.formatTick(t));
  }
  events.forEach((e, i) => {
    const y = top + i * o.rowHeight + o.rowHeight / 2;
    const color = channelColor(e.channel ?? '', channels);
    const g = svg.append('g').attr('class', 'timeline-event').attr('data-activity', e.activity);
    g.append('title').text(
      `${e.activity} · ${o.channelName(e.channel)} · ${e.start !== null && e.start !== e.complete ? `${o.formatTime(e.start)} – ` : ''}${o.formatTime(e.complete)}`,
    );
    g.append('text')
      .attr('x', o.labelWidth)
      .attr('y', y)
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'central')
      .attr('fill', INK)
      .text(fitText(e.activity, o.labelWidth, o.fontSize));
    if (e.start !== null && x(e.complete) - x(e.start) >= 4) {
      g.append('rect')
        .attr('x', x(e.start))
        .attr('y', y - 7)
        .attr('width', x(e.complete) - x(e.start))
        .attr('height', 14)
        .attr('rx', 3)
        .attr('fill', color);
    } else {
      const cx = x(e.complete);
      g.append('path')
        .attr('d', `M ${cx} ${y - 7} L ${cx + 7} ${y} L ${cx} ${y + 7} L ${cx - 7} ${y} Z`)
        .attr('fill', color);
    }
  });
  return svg.node() as SVGSVGElement;
}
