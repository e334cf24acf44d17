import type { MiningEvent } from '@onetrip/mining';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { EventQueryRepository } from './event-query.repository';

const DATASET = '00000000-0000-4000-8000-000000000001';
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A DataSource whose queries stay open until released, counting how many run at once. */
function heldDataSource() {
  const release: (() => void)[] = [];
  let running = 0;
  let peak = 0;
  const query = async (): Promise<unknown[]> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise<void>((r) => release.push(r));
    running -= 1;
    return [];
  };
  const dataSource = {
    query,
    transaction: async (_level: string, work: (m: { query: typeof query }) => Promise<unknown>) =>
      work({ query }),
  } as unknown as DataSource;
  return {
    dataSource,
    query,
    running: () => running,
    peak: () => peak,
    releaseAll: async () => {
      while (running > 0 || release.length > 0) {
        release.splice(0).forEach((r) => r());
        await tick();
      }
    },
  };
}

describe('heavy event scans wait for a slot', () => {
  it('runs at most HEAVY_READ_CONCURRENCY timelines and facets at once; the rest queue', async () => {
    const db = heldDataSource();
    // Timelines read by COPY on a connection of their own: held here like the pooled queries.
    class HeldCopies extends EventQueryRepository {
      protected override async *copyEvents(): AsyncGenerator<MiningEvent> {
        yield* (await db.query()) as MiningEvent[];
      }
    }
    const repo = new HeldCopies(loadConfig({ HEAVY_READ_CONCURRENCY: '2' }), db.dataSource);
    const reads = [
      ...Array.from({ length: 4 }, (_, i) => repo.journeyEvents(DATASET, 'case', `C${i}`, null)),
      repo.facets(DATASET, 'Asia/Shanghai'),
      repo.facets(DATASET, 'UTC'),
    ];
    await tick();
    expect(db.running()).toBe(2);
    await db.releaseAll();
    await Promise.all(reads);
    expect(db.peak()).toBe(2);
  });
});
