import { resize } from './columns';
import { StringDictionary } from './dictionary';
import { MiningInputError, type MiningErrorCode } from './errors';
import { ATOMIC, classifyLifecycle, INTERVAL, type Transition } from './lifecycle';
import type { MiningEvent, MiningOptions } from './types';

/** Code stored for an absent optional string (channel, location, instance). */
export const NONE = -1;

/**
 * The events of a log, column by column: dictionary codes in Int32Arrays, instants in
 * Float64Arrays, and no object per event. Optional columns (channel, location, lifecycle
 * instance, start instant, citizen journey key) exist only once a value appears, so a plain
 * case/activity/timestamp log costs 17 bytes per event plus its distinct strings. Columns grow
 * one at a time, so growing never holds two copies of every column at once.
 */
export class EventStore {
  length = 0;
  private capacity = 0;
  caseOf = new Int32Array(0);
  activityOf = new Int32Array(0);
  transitionOf = new Uint8Array(0);
  completeAt = new Float64Array(0);
  /** null until an event has the value; then NONE (or NaN for startAt) where absent. */
  channelOf: Int32Array | null = null;
  locationOf: Int32Array | null = null;
  instanceOf: Int32Array | null = null;
  /** Queue ticket number code per event (NONE where absent); null until an event has one. */
  ticketOf: Int32Array | null = null;
  startAt: Float64Array | null = null;
  private citizenKeyOf: Int32Array | null = null;

  readonly cases = new StringDictionary();
  readonly activities = new StringDictionary();
  readonly keys = new StringDictionary();
  /** Raw channel values; see inPersonChannels for the normalized comparison. */
  readonly channels = new StringDictionary();
  readonly locations = new StringDictionary();
  readonly instances = new StringDictionary();
  readonly tickets = new StringDictionary();
  private readonly transitions = new Map<string, Transition>();

  constructor(private readonly options: MiningOptions) {}

  get sawChannel(): boolean {
    return this.channelOf !== null;
  }

  /** Journey key code per event: the case code for journey 'case', else a code in `keys`. */
  get keyOf(): Int32Array {
    return this.citizenKeyOf ?? this.caseOf;
  }

  /** Validates the event, then appends it; an invalid event leaves the store unchanged. */
  add(event: MiningEvent): void {
    const startTs = this.validate(event);
    const i = this.length;
    if (i === this.capacity) this.grow();
    // The only encode that can refuse a value comes first, before anything is written.
    this.activityOf[i] = this.activities.encode(event.activity, refuseNul);
    this.caseOf[i] = this.cases.encode(event.caseId);
    this.completeAt[i] = event.timestamp;
    if (this.options.journey !== 'case') {
      this.citizenKeyOf ??= this.optionalInt32();
      this.citizenKeyOf[i] = this.keys.encode(journeyKey(event, this.options));
    }
    if (isPresent(event.channel)) {
      this.channelOf ??= this.optionalInt32();
      this.channelOf[i] = this.channels.encode(event.channel);
    } else if (this.channelOf) this.channelOf[i] = NONE;
    if (isPresent(event.location)) {
      this.locationOf ??= this.optionalInt32();
      this.locationOf[i] = this.locations.encode(event.location);
    } else if (this.locationOf) this.locationOf[i] = NONE;
    if (isPresent(event.instance)) {
      this.instanceOf ??= this.optionalInt32();
      this.instanceOf[i] = this.instances.encode(event.instance);
    } else if (this.instanceOf) this.instanceOf[i] = NONE;
    if (isPresent(event.ticket)) {
      this.ticketOf ??= this.optionalInt32();
      this.ticketOf[i] = this.tickets.encode(event.ticket);
    } else if (this.ticketOf) this.ticketOf[i] = NONE;
    if (Number.isNaN(startTs)) {
      this.transitionOf[i] = this.transition(event.lifecycle);
      if (this.startAt) this.startAt[i] = NaN;
    } else {
      this.transitionOf[i] = INTERVAL;
      this.startAt ??= new Float64Array(this.capacity).fill(NaN);
      this.startAt[i] = startTs;
    }
    this.length = i + 1;
  }

  /** Returns the start instant (NaN when none) after checking every field the engine reads. */
  private validate(event: MiningEvent): number {
    if (typeof event.caseId !== 'string' || event.caseId === '') {
      throw this.invalid(event, 'caseId', 'must be a non-empty string');
    }
    if (typeof event.activity !== 'string' || event.activity === '') {
      throw this.invalid(event, 'activity', 'must be a non-empty string');
    }
    if (typeof event.timestamp !== 'number' || !Number.isFinite(event.timestamp)) {
      throw this.invalid(
        event,
        'timestamp',
        `must be a finite epoch-millisecond number, got ${String(event.timestamp)}`,
      );
    }
    if (this.options.journey !== 'case' && !isPresent(event.citizen)) {
      throw this.invalid(
        event,
        'citizen',
        `is needed for journey '${this.options.journey}'`,
        'citizen-missing',
        { journey: this.options.journey },
      );
    }
    const start = event.startTimestamp;
    if (start === null || start === undefined) return NaN;
    if (typeof start !== 'number' || !Number.isFinite(start)) {
      throw this.invalid(
        event,
        'startTimestamp',
        `must be a finite epoch-millisecond number, got ${String(start)}`,
      );
    }
    if (start > event.timestamp) {
      const at = (ms: number) => new Date(ms).toISOString();
      throw this.invalid(
        event,
        'startTimestamp',
        `${at(start)} is after timestamp ${at(event.timestamp)}`,
        'start-after-complete',
        { start: at(start), complete: at(event.timestamp) },
      );
    }
    return start;
  }

  /** The error for a bad field; built only on failure (a template per event costs real time). */
  private invalid(
    event: MiningEvent,
    field: keyof MiningEvent,
    problem: string,
    code: MiningErrorCode = 'invalid-field',
    params: Record<string, string | number> = {},
  ): MiningInputError {
    const caseId = field === 'caseId' ? '' : ` (case '${event.caseId}')`;
    return new MiningInputError(
      `event #${this.length + 1}${caseId}: ${field} ${problem}`,
      field,
      code,
      { event: this.length + 1, caseId: String(event.caseId), field, ...params },
    );
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

  private optionalInt32(): Int32Array {
    return new Int32Array(this.capacity).fill(NONE);
  }

  /** Grows each column in turn by half (at least 64Ki events). */
  private grow(): void {
    const capacity = Math.max(65536, Math.ceil(this.capacity * 1.5));
    this.caseOf = resize(this.caseOf, capacity);
    this.activityOf = resize(this.activityOf, capacity);
    this.transitionOf = resize(this.transitionOf, capacity);
    this.completeAt = resize(this.completeAt, capacity);
    if (this.channelOf) this.channelOf = resize(this.channelOf, capacity, NONE);
    if (this.locationOf) this.locationOf = resize(this.locationOf, capacity, NONE);
    if (this.instanceOf) this.instanceOf = resize(this.instanceOf, capacity, NONE);
    if (this.ticketOf) this.ticketOf = resize(this.ticketOf, capacity, NONE);
    if (this.citizenKeyOf) this.citizenKeyOf = resize(this.citizenKeyOf, capacity);
    if (this.startAt) this.startAt = resize(this.startAt, capacity, NaN);
    this.capacity = capacity;
  }
}

function refuseNul(activity: string): void {
  if (activity.includes('\u0000')) {
    throw new MiningInputError(
      `activity ${JSON.stringify(activity)} contains a NUL character`,
      'activity',
      'invalid-field',
      { field: 'activity' },
    );
  }
}

function isPresent(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value !== '';
}

function journeyKey(event: MiningEvent, options: MiningOptions): string {
  const citizen = event.citizen as string;
  return options.journey === 'citizen' ? citizen : `${citizen}\u0000${event.service ?? ''}`;
}
