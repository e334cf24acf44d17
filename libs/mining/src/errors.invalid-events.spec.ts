import { createMiner, MiningInputError, type MiningEvent } from './index';
import { T0 } from './test-events';

describe('invalid events and options fail fast with a message naming the field', () => {
  const cases: [string, Partial<MiningEvent>, string, RegExp][] = [
    ['an empty case id', { caseId: '' }, 'caseId', /event #1: caseId must be a non-empty string/],
    ['an empty activity', { activity: '' }, 'activity', /case 'c'.*activity must be a non-empty/],
    ['a NaN timestamp', { timestamp: NaN }, 'timestamp', /timestamp must be a finite .* got NaN/],
    [
      'a start after the completion',
      { startTimestamp: T0 + 1 },
      'startTimestamp',
      /startTimestamp 2024-03-04T00:00:00.001Z is after timestamp 2024-03-04T00:00:00.000Z/,
    ],
  ];
  it.each(cases)('rejects %s and stores nothing', (_story, patch, field, message) => {
    const miner = createMiner();
    const event: MiningEvent = { caseId: 'c', activity: 'a', timestamp: T0, ...patch };
    expect(() => miner.add(event)).toThrow(message);
    try {
      miner.add(event);
    } catch (error) {
      expect(error).toBeInstanceOf(MiningInputError);
      expect((error as MiningInputError).field).toBe(field);
    }
    expect(miner.eventCount).toBe(0);
    expect(miner.result().summary.events).toBe(0);
  });

  it('requires a citizen when journeys are keyed by citizen', () => {
    const miner = createMiner({ journey: 'citizen' });
    expect(() => miner.add({ caseId: 'c', activity: 'a', timestamp: T0 })).toThrow(
      "event #1 (case 'c'): citizen is needed for journey 'citizen'",
    );
  });

  it('rejects meaningless options', () => {
    expect(() => createMiner({ tripGapMs: -1 })).toThrow(
      'option tripGapMs must be a finite number ≥ 0, got -1',
    );
    expect(() => createMiner({ journey: 'household' as never })).toThrow(
      "option journey must be one of case, citizen, citizen+service, got 'household'",
    );
  });
});
