/**
 * Run parameters: canonical form (the cache key) and translation to the mining options. Pure
 * functions, shared by the api (cache lookup) and the worker (mining). The shape and its
 * validation are RunParamsSchema of @onetrip/contracts.
 */
import {
  DEFAULT_PROMISED_ATTRIBUTES,
  inPersonChannels,
  type ChannelRoles,
  type DeadlineSettings,
  type QueueActivities,
  type QueueRole,
  type RunParams,
} from '@onetrip/contracts';
import type { InsightsOptions, MiningOptions } from '@onetrip/mining';
import { createHash } from 'node:crypto';

const QUEUE_PARAMS = [
  'queueAbandonActivities',
  'queueEndActivities',
  'queueStartActivities',
] as const;

/** Sorted keys, sorted in-person channels and queue activities, no undefined: equal params give equal JSON. */
export function canonicalRunParams(params: RunParams): RunParams {
  const out: RunParams = {};
  if (params.inPerson !== undefined) out.inPerson = [...new Set(params.inPerson)].sort();
  if (params.journey !== undefined) out.journey = params.journey;
  if (params.journeyGapSeconds !== undefined) out.journeyGapSeconds = params.journeyGapSeconds;
  if (params.lifecycle !== undefined) out.lifecycle = params.lifecycle;
  if (params.tripGapSeconds !== undefined) out.tripGapSeconds = params.tripGapSeconds;
  if (params.queueTicketAttribute !== undefined) {
    out.queueTicketAttribute = params.queueTicketAttribute;
  }
  for (const key of QUEUE_PARAMS) {
    const names = params[key];
    if (names !== undefined) out[key] = [...new Set(names)].sort();
  }
  if (params.timeZone !== undefined) out.timeZone = params.timeZone;
  if (params.deadlines !== undefined) out.deadlines = canonicalDeadlines(params.deadlines);
  return out;
}

/** Fields in one order, limits by service: equal settings give equal JSON. */
function canonicalDeadlines(d: DeadlineSettings): DeadlineSettings {
  const out: DeadlineSettings = {
    limits: [...d.limits]
      .map((l) => ({
        service: l.service,
        code: l.code ?? null,
        promised: l.promised,
        legal: l.legal,
        unit: l.unit,
      }))
      .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0)),
  };
  if (d.acceptActivities !== undefined) out.acceptActivities = [...d.acceptActivities];
  if (d.completeActivities !== undefined) out.completeActivities = [...d.completeActivities];
  if (d.suspensions !== undefined) {
    out.suspensions = d.suspensions.map((r) => ({
      kind: r.kind,
      start: [...r.start],
      end: [...r.end],
    }));
  }
  if (d.specialActivities !== undefined) out.specialActivities = [...d.specialActivities];
  if (d.promisedAttributes !== undefined) out.promisedAttributes = [...d.promisedAttributes];
  return out;
}

/** The event attributes a run reads as each case's own limit (DeadlineSettings.promisedAttributes). */
export function promisedAttributes(params: RunParams): readonly string[] {
  return params.deadlines?.promisedAttributes ?? DEFAULT_PROMISED_ATTRIBUTES;
}

export function runParamsHash(params: RunParams): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalRunParams(params)))
    .digest('hex');
}

/** Only the options the user set; the miner fills in its own defaults for the rest. */
export function toMiningOptions(params: RunParams): Partial<MiningOptions> {
  const options: Partial<MiningOptions> = {};
  if (params.lifecycle !== undefined) options.lifecycle = params.lifecycle;
  if (params.journey !== undefined) options.journey = params.journey;
  if (params.journeyGapSeconds !== undefined)
    options.journeyGapMs = params.journeyGapSeconds * 1000;
  if (params.inPerson !== undefined) options.inPerson = params.inPerson;
  if (params.tripGapSeconds !== undefined) options.tripGapMs = params.tripGapSeconds * 1000;
  return options;
}

/** The queue activities the user set, as insights options (the rest keep their defaults). */
export function toQueueOptions(params: RunParams): InsightsOptions {
  const options: InsightsOptions = {};
  for (const key of QUEUE_PARAMS) if (params[key] !== undefined) options[key] = params[key];
  return options;
}

/**
 * The insights options of a run: its queue activities and the calendar's zone (the run's
 * `timeZone`; runs recorded before it existed count in the dataset's zone of today).
 */
export function toInsightsOptions(params: RunParams, datasetZone: string): InsightsOptions {
  const options: InsightsOptions = {
    timeZone: params.timeZone ?? datasetZone,
    ...toQueueOptions(params),
  };
  if (params.deadlines !== undefined) {
    // promisedAttributes is the stream's business (promisedAttributes above), not the miner's.
    const { promisedAttributes: _read, ...deadlines } = params.deadlines;
    options.deadlines = deadlines;
  }
  return options;
}

/**
 * A run without its own `inPerson` counts the dataset's in-person channel values (possibly none)
 * when the dataset has channel roles; stored in the params, so changed roles mean a new run.
 */
export function withDatasetChannels(params: RunParams, roles: ChannelRoles | null): RunParams {
  if (params.inPerson !== undefined || roles === null) return params;
  return { ...params, inPerson: inPersonChannels(roles) };
}

/** Run param of each queue role (docs/ingest.md#queue-activities). */
const QUEUE_PARAM_OF = {
  ticket: 'queueStartActivities',
  call: 'queueEndActivities',
  abandon: 'queueAbandonActivities',
} as const satisfies Record<QueueRole, (typeof QUEUE_PARAMS)[number]>;

/**
 * A run without its own queue*Activities param uses the dataset's queue activities for it, when
 * the dataset has them; stored in the params, so changed activities mean a new run.
 */
export function withDatasetQueue(params: RunParams, queue: QueueActivities | null): RunParams {
  if (queue === null) return params;
  const out: RunParams = { ...params };
  for (const role of Object.keys(QUEUE_PARAM_OF) as QueueRole[]) {
    const key = QUEUE_PARAM_OF[role];
    if (out[key] === undefined) out[key] = [...queue[role]];
  }
  if (out.queueTicketAttribute === undefined && queue.ticketNumber !== undefined) {
    out.queueTicketAttribute = queue.ticketNumber;
  }
  return out;
}

/**
 * The dataset's settings a run without its own values mines with: channel roles, queue
 * activities, deadline settings, time zone. Stored in the params, so a changed setting means a new run.
 */
export function withDatasetSettings(
  params: RunParams,
  dataset: {
    channelRoles: ChannelRoles | null;
    queueActivities: QueueActivities | null;
    deadlines?: DeadlineSettings | null;
    timezone?: string;
  },
): RunParams {
  let out = withDatasetQueue(
    withDatasetChannels(params, dataset.channelRoles),
    dataset.queueActivities,
  );
  if (out.deadlines === undefined && dataset.deadlines) {
    out = { ...out, deadlines: dataset.deadlines };
  }
  return out.timeZone === undefined && dataset.timezone !== undefined
    ? { ...out, timeZone: dataset.timezone }
    : out;
}
