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

/** A running run split into shards, each with a row status and a job state. */
function shardedWorld(shards: { status: 'queued' | 'running' | 'done'; job: JobState }[]) {
  const did: string[] = [];
  const producer = {
    state: (jobId: string) => {
      const shard = Number(/\.shard-(\d+)$/.exec(jobId)?.[1]);
      return Promise.resolve(shards[shard].job);
    },
    enqueue: (name: string, data: { runId: string; shard?: number }) => {
      did.push(`enqueue ${name} ${data.shard}`);
      return Promise.resolve(data.runId);
    },
  } as unknown as JobProducer;
  const runs = {
    listShards: () =>
      Promise.resolve(shards.map((s, shardNo) => ({ runId: 'r1', shardNo, status: s.status }))),
    shardBackToQueued: (_id: string, shard: number) => {
      did.push(`queued shard ${shard}`);
      return Promise.resolve();
    },
    failUnfinished: (id: string, reason: string) => {
      did.push(`failed ${id}: ${reason}`);
      return Promise.resolve(true);
    },
    findById: () => Promise.resolve({ id: 'r1', status: 'running' }),
    backToQueued: () => {
      did.push('run queued again');
      return Promise.resolve(true);
    },
  } as unknown as RunRepository;
  return { recovery: new RunRecovery(runs, producer), did };
}

const sharded = { id: 'r1', status: 'running' as const, shards: 3 };

describe('RunRecovery of a run split into shards', () => {
  it('re-enqueues only the shards whose job vanished, never the run’s planning job', async () => {
    const { recovery, did } = shardedWorld([
      { status: 'done', job: { state: 'completed' } },
      { status: 'running', job: { state: 'missing' } },
      { status: 'queued', job: { state: 'waiting' } },
    ]);
    expect(await recovery.recover(sharded)).toBe('requeued');
    expect(did).toEqual(['queued shard 1', 'enqueue mining.shard 1']);
  });

  it('leaves a run alone while its shards’ jobs are waiting or active', async () => {
    const { recovery, did } = shardedWorld([
      { status: 'done', job: { state: 'missing' } },
      { status: 'running', job: { state: 'active' } },
      { status: 'queued', job: { state: 'delayed' } },
    ]);
    expect(await recovery.recover(sharded)).toBe('pending');
    expect(did).toEqual([]);
  });

  it('fails the run when a shard’s job spent its tries', async () => {
    const { recovery, did } = shardedWorld([
      { status: 'done', job: { state: 'completed' } },
      { status: 'queued', job: { state: 'failed', failedReason: 'ECONNRESET' } },
      { status: 'queued', job: { state: 'waiting' } },
    ]);
    expect(await recovery.recover(sharded)).toBe('failed');
    expect(did).toEqual(['failed r1: shard 1: ECONNRESET']);
  });

  it('queues shard 0 again when every shard is done but the run was never merged', async () => {
    const { recovery, did } = shardedWorld([
      { status: 'done', job: { state: 'completed' } },
      { status: 'done', job: { state: 'missing' } },
      { status: 'done', job: { state: 'completed' } },
    ]);
    expect(await recovery.recover(sharded)).toBe('requeued');
    expect(did).toEqual(['enqueue mining.shard 0']);
  });
});
