import { Inject, Injectable } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetEntity,
  DatasetFacetsRepository,
  EventQueryRepository,
  SingleFlightCache,
  toMiningOptions,
  versionedKey,
  withDatasetSettings,
} from '@onetrip/backend';
import {
  RunParamsSchema,
  TimelineQuerySchema,
  type FacetsDto,
  type JourneyTimelineDto,
  type RunParams,
  type TimelineJourneyDto,
} from '@onetrip/contracts';
import { MiningInputError, journeyTimeline, type MiningEvent } from '@onetrip/mining';
import type { AuthUser } from '../auth/auth-user';
import { rowScope, seesSmallCounts } from '../auth/row-scope';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';
import { suppressSmallFacets } from './small-facets';

/** Facets per dataset version kept in memory (they only change with the version). */
const FACET_CACHE_SIZE = 32;

/**
 * Timelines per dataset version, journey key and params kept in memory. Small: one can hold up to
 * TIMELINE_LIMIT events; the point is that a burst of identical requests scans once.
 */
const TIMELINE_CACHE_SIZE = 16;

const iso = (ms: number): string => new Date(ms).toISOString();

@Injectable()
export class ExploreService {
  /**
   * One in-flight computation per dataset version, shared by concurrent callers; the result is
   * also stored in PostgreSQL for restarts and other api processes
   * (docs/decisions/0005-single-flight-facets.md).
   */
  private readonly facetCache = new SingleFlightCache<FacetsDto>(FACET_CACHE_SIZE);
  private readonly timelineCache = new SingleFlightCache<JourneyTimelineDto>(TIMELINE_CACHE_SIZE);

  constructor(
    private readonly datasets: DatasetsService,
    private readonly events: EventQueryRepository,
    private readonly storedFacets: DatasetFacetsRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The dataset's facets: a row-scoped user is offered only their own departments, and viewers
   * and managers see counts under SMALL_COUNT_K hidden (docs/security.md).
   */
  async facets(datasetId: string, user: AuthUser): Promise<FacetsDto> {
    const dataset = await this.datasets.require(datasetId);
    const scope = rowScope(user, dataset);
    const all = await this.facetsOf(dataset);
    const facets =
      scope === null
        ? all
        : { ...all, departments: all.departments.filter((d) => scope.includes(d.value)) };
    return seesSmallCounts(user) ? facets : suppressSmallFacets(facets, this.config.smallCountK);
  }

  private facetsOf(dataset: DatasetEntity): Promise<FacetsDto> {
    return this.facetCache.get(versionedKey(dataset.id, dataset.version), async () => {
      const stored = await this.storedFacets.find(dataset.id, dataset.version);
      if (stored) return stored;
      const f = await this.events.facets(dataset.id, dataset.timezone);
      // f.version can be newer than dataset.version when an upload committed meanwhile: the
      // figures are labelled and stored with the version they describe.
      const dto: FacetsDto = {
        datasetId: dataset.id,
        datasetVersion: f.version,
        events: f.events,
        timeSpan: f.from && f.to ? { from: f.from.toISOString(), to: f.to.toISOString() } : null,
        months: f.months,
        services: f.services,
        departments: f.departments,
        locations: f.locations,
        channels: f.channels,
      };
      await this.storedFacets.save(dto);
      return dto;
    });
  }

  /**
   * The key's journeys; for a row-scoped user only those touching one of their departments
   * (kept whole), and journey.not-found when none does, as if the key had no events.
   */
  async timeline(
    datasetId: string,
    key: string,
    query: unknown,
    user: AuthUser,
  ): Promise<JourneyTimelineDto> {
    const dataset = await this.datasets.require(datasetId);
    const scope = rowScope(user, dataset);
    const whole = await this.wholeTimeline(dataset, key, query);
    if (scope === null) return whole;
    const journeys = whole.journeys.filter((j) =>
      j.events.some((e) => e.department !== null && scope.includes(e.department)),
    );
    if (journeys.length === 0) throw journeyNotFound(datasetId, key, whole.service, whole.journey);
    return { ...whole, journeys };
  }

  private async wholeTimeline(
    dataset: DatasetEntity,
    key: string,
    query: unknown,
  ): Promise<JourneyTimelineDto> {
    const q = validate(TimelineQuerySchema, query, 'query');
    const params: RunParams = withDatasetSettings(
      validate(RunParamsSchema, {
        journey: q.journey,
        lifecycle: q.lifecycle,
        journeyGapSeconds: q.journeyGapSeconds,
        tripGapSeconds: q.tripGapSeconds,
        inPerson: q.inPerson?.split(',').map((s) => s.trim()),
      }),
      dataset,
    );
    const journey = params.journey ?? 'case';
    if (key === '' || key.length > 1000) {
      throw new ProblemException(
        400,
        'request.invalid',
        'The journey key must be 1–1000 characters.',
      );
    }
    const service = journey === 'citizen+service' ? (q.service ?? null) : null;
    const cacheKey = versionedKey(dataset.id, dataset.version, {
      key,
      service,
      journey,
      lifecycle: params.lifecycle,
      journeyGapSeconds: params.journeyGapSeconds,
      tripGapSeconds: params.tripGapSeconds,
      inPerson: params.inPerson && JSON.stringify(params.inPerson),
    });
    return this.timelineCache.get(cacheKey, () =>
      this.computeTimeline(dataset.id, key, journey, service, params),
    );
  }

  private async computeTimeline(
    datasetId: string,
    key: string,
    journey: NonNullable<RunParams['journey']>,
    service: string | null,
    params: RunParams,
  ): Promise<JourneyTimelineDto> {
    const events = await this.events.journeyEvents(datasetId, journey, key, service);
    if (events.length === 0) throw journeyNotFound(datasetId, key, service, journey);
    let journeys;
    try {
      journeys = journeyTimeline(events, toMiningOptions(params));
    } catch (error) {
      if (error instanceof MiningInputError) {
        throw new ProblemException(422, 'journey.unminable', error.message);
      }
      throw error;
    }
    return {
      datasetId,
      key,
      service,
      journey,
      journeys: journeys.map((j): TimelineJourneyDto => timelineJourney(j, events)),
    };
  }
}

function journeyNotFound(
  datasetId: string,
  key: string,
  service: string | null,
  journey: string,
): ProblemException {
  return new ProblemException(
    404,
    'journey.not-found',
    `Dataset ${datasetId} has no events for journey key ${JSON.stringify(key)}` +
      (service === null ? '' : ` and service ${JSON.stringify(service)}`) +
      ` (journey '${journey}').`,
  );
}

function timelineJourney(
  j: ReturnType<typeof journeyTimeline>[number],
  events: readonly MiningEvent[],
): TimelineJourneyDto {
  return {
    start: iso(j.start),
    end: iso(j.end),
    leadTimeSeconds: (j.end - j.start) / 1000,
    events: j.instances.map((i) => {
      const e = events[i.event];
      return {
        caseId: e.caseId,
        activity: i.activity,
        start: i.hasStart ? iso(i.start) : null,
        complete: iso(i.complete),
        channel: e.channel ?? null,
        location: e.location ?? null,
        service: e.service ?? null,
        department: e.department ?? null,
        resource: e.resource ?? null,
        sourceSystem: e.sourceSystem ?? null,
        trip: i.trip === 0 ? null : i.trip,
      };
    }),
    trips: j.trips.map((t) => ({
      trip: t.trip,
      location: t.location,
      start: iso(t.start),
      end: iso(t.end),
    })),
  };
}
