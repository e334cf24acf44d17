import type { StringDictionary } from './dictionary';
import { MiningInputError } from './errors';
import type { JourneyKey, MiningOptions } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Every default of the engine, in one place. */
export const DEFAULT_MINING_OPTIONS: MiningOptions = {
  lifecycle: 'auto',
  journey: 'case',
  journeyGapMs: 30 * DAY_MS,
  inPerson: ['hall'],
  tripGapMs: 4 * HOUR_MS,
  bottleneckLimit: 50,
};

const JOURNEY_KEYS: readonly JourneyKey[] = ['case', 'citizen', 'citizen+service'];

/** Fills in defaults and rejects options that would make the numbers meaningless. */
export function resolveOptions(options: Partial<MiningOptions> = {}): MiningOptions {
  const resolved: MiningOptions = { ...DEFAULT_MINING_OPTIONS, ...dropUndefined(options) };
  if (resolved.lifecycle !== 'auto' && resolved.lifecycle !== 'none') {
    throw new MiningInputError(
      `option lifecycle must be 'auto' or 'none', got '${String(resolved.lifecycle)}'`,
    );
  }
  if (!JOURNEY_KEYS.includes(resolved.journey)) {
    throw new MiningInputError(
      `option journey must be one of ${JOURNEY_KEYS.join(', ')}, got '${String(resolved.journey)}'`,
    );
  }
  requireNonNegative('journeyGapMs', resolved.journeyGapMs);
  requireNonNegative('tripGapMs', resolved.tripGapMs);
  if (resolved.bottleneckLimit !== undefined)
    requireNonNegative('bottleneckLimit', resolved.bottleneckLimit);
  return { ...resolved, inPerson: resolved.inPerson.map(normalizeChannel) };
}

/** Channels compare trimmed and case-insensitively: `Hall`, ` hall` and `HALL` are one channel. */
export function normalizeChannel(channel: string): string {
  return channel.trim().toLowerCase();
}

/** 1 for each channel code whose normalized value is one of `values`, else 0. */
export function channelFlags(channels: StringDictionary, values: readonly string[]): Uint8Array {
  const wanted = new Set(values.map(normalizeChannel));
  return Uint8Array.from({ length: channels.size }, (_, c) =>
    wanted.has(normalizeChannel(channels.decode(c))) ? 1 : 0,
  );
}

function requireNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MiningInputError(`option ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
