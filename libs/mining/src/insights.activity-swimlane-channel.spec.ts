import { mergePartials, finalize, createMiner, mine, type MiningEvent } from './index';
import { HOUR, T0, ev } from './test-events';

// Each activity's swimlane is the channel (or source system) most of its instances used, counted
// by hand: "Ask" 2× hotline + 1× online → hotline; "Submit" 1× online + 1× hall → tie, first by
// name: hall; "Archive" never has a channel → none. Systems: "Ask" 2× 12345 + 1× portal → 12345;
// "Submit" portal and queue → tie: portal; "Archive" 2× archive → archive.
const events: MiningEvent[] = [
  ev('1', 'Ask', T0 + 1 * HOUR, { channel: 'hotline', sourceSystem: '12345' }),
  ev('1', 'Submit', T0 + 2 * HOUR, { channel: 'online', sourceSystem: 'portal' }),
  ev('1', 'Archive', T0 + 3 * HOUR, { sourceSystem: 'archive' }),
  ev('2', 'Ask', T0 + 1 * HOUR, { channel: 'hotline', sourceSystem: '12345' }),
  ev('2', 'Submit', T0 + 2 * HOUR, { channel: 'hall', location: 'H1', sourceSystem: 'queue' }),
  ev('3', 'Ask', T0 + 1 * HOUR, { channel: 'online', sourceSystem: 'portal' }),
  ev('3', 'Archive', T0 + 2 * HOUR, { sourceSystem: 'archive' }),
];

const lanes = (events: MiningEvent[]) =>
  Object.fromEntries(
    (mine(events, { insights: { timeZone: 'UTC' } }).insights?.activities ?? []).map((a) => [
      a.activity,
      [a.channel ?? null, a.sourceSystem ?? null],
    ]),
  );

describe("an activity's swimlane is its most used channel or source system", () => {
  it('takes the majority, breaks ties by name, and leaves activities without channels out', () => {
    expect(lanes(events)).toEqual({
      Ask: ['hotline', '12345'],
      Submit: ['hall', 'portal'],
      Archive: [null, 'archive'],
    });
  });

  it('counts the same when journeys are mined in separate partials and merged', () => {
    const part = (cases: string[]) => {
      const miner = createMiner({ insights: { timeZone: 'UTC' } });
      for (const e of events) if (cases.includes(e.caseId)) miner.add(e);
      return miner.partial();
    };
    const merged = finalize(mergePartials([part(['3']), part(['1', '2'])]));
    const byActivity = Object.fromEntries(
      (merged.insights?.activities ?? []).map((a) => [
        a.activity,
        [a.channel ?? null, a.sourceSystem ?? null],
      ]),
    );
    expect(byActivity).toEqual({
      Ask: ['hotline', '12345'],
      Submit: ['hall', 'portal'],
      Archive: [null, 'archive'],
    });
  });
});
