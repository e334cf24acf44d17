import type { MiningEvent } from '@onetrip/mining';
import { collect, streamOf } from './testing';

describe('a normalized event is a mining event', () => {
  it('goes to the miner as it is, with no copying (a type error here breaks the contract)', async () => {
    const records = await collect(
      streamOf(
        'case_id,activity,timestamp,start,lc,hall\nC,a,2024-03-01 10:00,2024-03-01 09:00,complete,East\n',
      ),
      { file: 'm.csv', mapping: { startTimestamp: 'start', lifecycle: 'lc', location: 'hall' } },
    );
    const [record] = records;
    if (record.kind !== 'event')
      throw new Error(`expected an event, got ${JSON.stringify(record)}`);
    const mining: MiningEvent = record.event;
    expect(mining).toBe(record.event);
    expect([mining.startTimestamp, mining.lifecycle, mining.location]).toEqual([
      Date.UTC(2024, 2, 1, 9),
      'complete',
      'East',
    ]);
  });
});
