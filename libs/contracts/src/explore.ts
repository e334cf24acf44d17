/** Facets and journey timelines of a dataset (the dashboard's filter controls and drill-down). */
import { z } from 'zod';
import { count, id, instant } from './common';
import { JourneyKindSchema, LifecycleModeSchema } from './runs';

/** Set when the api hid a count of fewer than SMALL_COUNT_K events (viewers and managers). */
const suppressed = z
  .literal(true)
  .optional()
  .describe('The count was under SMALL_COUNT_K and is hidden (events: 0); docs/security.md');

/** One distinct value of an event field, with how many events carry it. */
export const FacetValueSchema = z.object({ value: z.string(), events: count(), suppressed });
export type FacetValue = z.infer<typeof FacetValueSchema>;

/** `GET /api/v1/datasets/:id/facets`: the values filter controls offer. */
export const FacetsDtoSchema = z.object({
  datasetId: id(),
  datasetVersion: z.number().int(),
  events: count(),
  timeSpan: z
    .object({ from: instant(), to: instant() })
    .nullable()
    .describe('Earliest and latest event timestamp, null for an empty dataset'),
  months: z
    .array(
      z.object({ period: z.string().meta({ example: '2026-01' }), events: count(), suppressed }),
    )
    .describe("Events per calendar month (dataset time zone, 'YYYY-MM'), for the brush"),
  services: z.array(FacetValueSchema).describe('Most events first; at most 500 values each'),
  departments: z.array(FacetValueSchema),
  locations: z.array(FacetValueSchema),
  channels: z.array(FacetValueSchema),
});
export type FacetsDto = z.infer<typeof FacetsDtoSchema>;

/**
 * Query string of `GET …/journeys/:key/timeline`: the run params that define journeys and trips
 * (as text, hence the coercion), plus the service.
 */
export const TimelineQuerySchema = z
  .object({
    service: z.string().optional().describe("For journey 'citizen+service'"),
    journey: JourneyKindSchema.optional(),
    lifecycle: LifecycleModeSchema.optional(),
    journeyGapSeconds: z.coerce.number().int().positive().optional(),
    tripGapSeconds: z.coerce.number().int().positive().optional(),
    inPerson: z.string().min(1).optional().describe('Comma-separated channels'),
  })
  .strict();
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

/** One event of a journey timeline (an activity instance: start and complete paired). */
export const TimelineEventDtoSchema = z.object({
  caseId: z.string(),
  activity: z.string(),
  start: instant().nullable().describe('Null when the instance has no start'),
  complete: instant(),
  channel: z.string().nullable(),
  location: z.string().nullable(),
  service: z.string().nullable(),
  department: z.string().nullable(),
  resource: z.string().nullable(),
  sourceSystem: z.string().nullable(),
  trip: z
    .number()
    .int()
    .min(1)
    .nullable()
    .describe('1-based number of the in-person trip this instance belongs to, else null'),
});
export type TimelineEventDto = z.infer<typeof TimelineEventDtoSchema>;

export const TimelineTripDtoSchema = z.object({
  trip: z.number().int().min(1).describe('1-based'),
  location: z.string().nullable(),
  start: instant(),
  end: instant(),
});
export type TimelineTripDto = z.infer<typeof TimelineTripDtoSchema>;

export const TimelineJourneyDtoSchema = z.object({
  start: instant().describe("Start of the journey's first instance (matches JourneyRef.start)"),
  end: instant(),
  leadTimeSeconds: z.number().min(0),
  events: z.array(TimelineEventDtoSchema),
  trips: z.array(TimelineTripDtoSchema),
});
export type TimelineJourneyDto = z.infer<typeof TimelineJourneyDtoSchema>;

/**
 * `GET /api/v1/datasets/:id/journeys/:key/timeline`: every journey of one key (a case id, or a
 * citizen key with `?service=` for journey 'citizen+service'), split and measured with the
 * mining definitions and the given run params.
 */
export const JourneyTimelineDtoSchema = z.object({
  datasetId: id(),
  key: z.string(),
  service: z.string().nullable(),
  journey: JourneyKindSchema,
  journeys: z.array(TimelineJourneyDtoSchema),
});
export type JourneyTimelineDto = z.infer<typeof JourneyTimelineDtoSchema>;
