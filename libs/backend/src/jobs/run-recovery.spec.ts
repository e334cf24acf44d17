import type { JobProducer, JobState } from './job.producer';
import { RunRecovery } from './run-recovery';
import type { RunRepository } from '../repositories/run.repository';

/** A run row with a job in some state; records what recovery did to both. */
function world(job: JobState, rowUnfinished = true) {
  const did: string[] = [];
  const producer = {
    state: () => Promise.resolve(job),
    enqueue: (_name: string, data: { runId: string }) => {
      did.push(`enqueue ${data.runId}`);
      return Promise.resolve(data.runId);
    },
  } as unknown as JobProducer;
  const runs = {
    backToQueued: (id: string) => {
      did.push(`queued ${id}`);
      return Promise.resolve(rowUnfinished);
    },
    failUnfinished: (id: string, reason: string) => {
      did.push(`failed ${id}: ${reason}`);
      return Promise.resolve(rowUnfinished);
    },
  } as unknown as RunRepository;
  return { recovery: new RunRecovery(runs, producer), did };
}

const run = { id: 'r1', status: 'running' as const, shards: null };

describe('RunRecovery', () => {
  it.each(['waiting', 'active', 'delayed', 'paused'] as const)(
    'leaves a run whose job is %s alone',
    async (state) => {
      const { recovery, did } = world({ state });
      expect(await recovery.recover(run)).toBe('pending');
      expect(did).toEqual([]);
    },
  );

  it.each(['missing', 'stuck', 'completed'] as const)(
    'queues a run again when its job is %s',
    async (state) => {
      const { recovery, did } = world({ state });
      expect(await recovery.recover(run)).toBe('requeued');
      expect(did).toEqual(['queued r1', 'enqueue r1']);
    },
  );

  it('fails a run whose job spent its tries, with the job’s reason', async () => {
    const { recovery, did } = world({ state: 'failed', failedReason: 'connect ECONNREFUSED' });
    expect(await recovery.recover(run)).toBe('failed');
    expect(did).toEqual(['failed r1: connect ECONNREFUSED']);
  });

  it('does nothing to a run that finished meanwhile', async () => {
    const { recovery, did } = world({ state: 'missing' }, false);
    expect(await recovery.recover(run)).toBe('finished');
    expect(did).toEqual(['queued r1']);
  });
});
