import { grow } from './columns';
import { StringDictionary } from './dictionary';
import { MiningInputError } from './errors';
import { ATOMIC, classifyLifecycle, INTERVAL, type Transition } from './lifecycle';
import type { MiningEvent, MiningOptions } from './types';

/** Code stored for an absent optional string (channel, location, instance). */
export const NONE = -1;

/**
 * The events of a log, column by column: dictionary codes in Int32Arrays, instants in
 * Float64Arrays (NaN = no start). About 37 bytes per event plus the distinct strings, and no
 * object per event.
 */
export class EventStore {
  length = 0;
  caseOf = new Int32Array(0);
  activityOf = new Int32Array(0);
  /** Journey key code: the case code for journey 'case', else a code in `keys`. */
  keyOf = new Int32Array(0);
  channelOf = new Int32Array(0);
  locationOf = new Int32Array(0);
  instanceOf = new Int32Array(0);
  transitionOf = new Uint8Array(0);
  completeAt = new Float64Array(0);
  startAt = new Float64Array(0);

  readonly cases = new StringDictionary();
  readonly activities = new StringDictionary();
  readonly keys = new StringDictionary();
  /** Raw channel values; see inPersonChannels for the normalized comparison. */
  readonly channels = new StringDictionary();
  readonly locations = new StringDictionary();
  readonly instances = new StringDictionary();
  sawChannel = false;
  private readonly transitions = new Map<string, Transition>();

  constructor(private readonly options: MiningOptions) {}

  /** Validates the event, then appends it; an invalid event leaves the store unchanged. */
  add(event: MiningEvent): void {
    const startTs = this.validate(event);
    const i = this.length;
    this.reserve(i + 1);
    const caseCode = this.cases.encode(event.caseId);
    this.caseOf[i] = caseCode;
    this.activityOf[i] = this.activities.encode(event.activity);
    this.keyOf[i] =
      this.options.journey === 'case'
        ? caseCode
        : this.keys.encode(journeyKey(event, this.options));
    this.channelOf[i] = this.encodeChannel(event.channel);
    this.locationOf[i] = isPresent(event.location) ? this.locations.encode(event.location) : NONE;
    this.instanceOf[i] = isPresent(event.instance) ? this.instances.encode(event.instance) : NONE;
    this.completeAt[i] = event.timestamp;
    this.startAt[i] = startTs;
    this.transitionOf[i] = Number.isNaN(startTs) ? this.transition(event.lifecycle) : INTERVAL;
    this.length = i + 1;
  }

  /** Returns the start instant (NaN when none) after checking every field the engine reads. */
  private validate(event: MiningEvent): number {
    const where = `event #${this.length + 1}`;
    if (typeof event.caseId !== 'string' || event.caseId === '') {
      throw new MiningInputError(`${where}: caseId must be a non-empty string`, 'caseId');
    }
    const at = `${where} (case '${event.caseId}')`;
    if (typeof event.activity !== 'string' || event.activity === '') {
      throw new MiningInputError(`${at}: activity must be a non-empty string`, 'activity');
    }
    if (typeof event.timestamp !== 'number' || !Number.isFinite(event.timestamp)) {
      throw new MiningInputError(
        `${at}: timestamp must be a finite epoch-millisecond number, got ${String(event.timestamp)}`,
        'timestamp',
      );
    }
    if (this.options.journey !== 'case' && !isPresent(event.citizen)) {
      throw new MiningInputError(
        `${at}: journey '${this.options.journey}' needs a citizen`,
        'citizen',
      );
    }
    const start = event.startTimestamp;
    if (start === null || start === undefined) return NaN;
    if (typeof start !== 'number' || !Number.isFinite(start)) {
      throw new MiningInputError(
        `${at}: startTimestamp must be a finite epoch-millisecond number, got ${String(start)}`,
        'startTimestamp',
      );
    }
    if (start > event.timestamp) {
      throw new MiningInputError(
        `${at}: startTimestamp ${new Date(start).toISOString()} is after timestamp ${new Date(event.timestamp).toISOString()}`,
        'startTimestamp',
      );
    }
    return start;
  }

  private transition(lifecycle: string | null | undefined): Transition {
    if (this.options.lifecycle === 'none' || !isPresent(lifecycle)) return ATOMIC;
    let transition = this.transitions.get(lifecycle);
    if (transition === undefined) {
      transition = classifyLifecycle(lifecycle);
      this.transitions.set(lifecycle, transition);
    }
    return transition;
  }

  private encodeChannel(channel: string | null | undefined): number {
    if (!isPresent(channel)) return NONE;
    this.sawChannel = true;
    return this.channels.encode(channel);
  }

  private reserve(length: number): void {
    if (this.caseOf.length >= length) return;
    this.caseOf = grow(this.caseOf, length);
    this.activityOf = grow(this.activityOf, length);
    this.keyOf = grow(this.keyOf, length);
    this.channelOf = grow(this.channelOf, length);
    this.locationOf = grow(this.locationOf, length);
    this.instanceOf = grow(this.instanceOf, length);
    this.transitionOf = grow(this.transitionOf, length);
    this.completeAt = grow(this.completeAt, length);
    this.startAt = grow(this.startAt, length);
  }
}

function isPresent(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value !== '';
}

function journeyKey(event: MiningEvent, options: MiningOptions): string {
  const citizen = event.citizen as string;
  return options.journey === 'citizen' ? citizen : `${citizen}\u0000${event.service ?? ''}`;
}
