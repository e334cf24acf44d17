import type { JourneyTimelineDto } from '@onetrip/contracts';
import { journeyTimeline } from '../charts/journey-timeline';
import { journeyTimelineOptions } from './chart-options';
import { el } from './dom';
import { errorBox } from './errors';
import { chartCard, chartExport } from './export';
import { unavailable, type DashboardContext, type DashboardView } from './view-context';

/** The chart card of one journey (of those the key names). */
function journeyCard(
  ctx: DashboardContext,
  j: JourneyTimelineDto['journeys'][number],
  i: number,
  count: number,
): HTMLElement {
  const { tr, route } = ctx;
  const svg = journeyTimeline(
    {
      events: j.events.map((e) => ({
        activity: e.activity,
        start: e.start ? Date.parse(e.start) : null,
        complete: Date.parse(e.complete),
        channel: e.channel,
        trip: e.trip,
      })),
      trips: j.trips.map((t) => ({
        trip: t.trip,
        location: t.location,
        start: Date.parse(t.start),
        end: Date.parse(t.end),
      })),
    },
    {
      ...journeyTimelineOptions(tr, ctx.timeZone),
      width: 1100,
      ariaLabel: tr.t('view.timeline'),
    },
  );
  const title = `${tr.t('timeline.heading', { key: route.journey?.key.slice(0, 16) ?? '' })}${count > 1 ? ` (${i + 1}/${count})` : ''}`;
  return chartCard(
    {
      title,
      caption: tr.t('timeline.meta', {
        events: tr.number(j.events.length),
        trips: tr.number(j.trips.length),
        duration: tr.duration(j.leadTimeSeconds),
      }),
      id: `timeline-${i}`,
      wide: true,
      actions: [chartExport(tr, tr.t('view.timeline'), 'journey-timeline', () => svg)],
    },
    el('div', { class: 'chart-scroll', 'data-testid': 'journey-timeline' }, svg),
  );
}

/** One journey's events on a time axis: a form for the key, then the journeys it names. */
export function renderTimeline(ctx: DashboardContext): HTMLElement {
  const { tr, route } = ctx;
  const keyInput = el('input', {
    type: 'text',
    id: 'timeline-key',
    value: route.journey?.key ?? '',
  });
  const serviceInput = el('input', {
    type: 'text',
    id: 'timeline-service',
    value: route.journey?.service ?? '',
  });
  const form = el(
    'form',
    {
      class: 'timeline-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const k = keyInput.value.trim();
        if (k) ctx.navigate({ journey: { key: k, service: serviceInput.value.trim() || null } });
      },
    },
    el('label', { for: 'timeline-key' }, tr.t('timeline.key'), keyInput),
    el('label', { for: 'timeline-service' }, tr.t('timeline.service'), serviceInput),
    el('button', { type: 'submit', class: 'button-primary' }, tr.t('timeline.show')),
  );
  const parts: Node[] = [el('p', { class: 'muted' }, tr.t('timeline.pick')), form];
  if (route.journey) {
    const entry = ctx.timeline;
    if (!entry || entry.status === 'loading')
      parts.push(el('p', { class: 'muted loading' }, tr.t('state.loading')));
    else if (entry.status === 'error')
      parts.push(errorBox(entry.error, tr, tr.t('timeline.empty')));
    else {
      const { journeys } = entry.value;
      if (journeys.length === 0) parts.push(unavailable(tr.t('timeline.empty')));
      journeys.forEach((j, i) => parts.push(journeyCard(ctx, j, i, journeys.length)));
    }
  }
  return el('div', { class: 'view view-timeline' }, ...parts);
}

export const timelineView: DashboardView = {
  id: 'timeline',
  labelKey: 'view.timeline',
  // Journeys are looked up by key, whatever the filter leaves.
  needsJourneys: false,
  render: renderTimeline,
};
