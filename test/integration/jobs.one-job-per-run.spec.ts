/**
 * The producer puts at most one job per run on the queue, with the default options, and can put
 * a run back after its job finished (what the reconciler relies on). Real Redis, own prefix.
 */
import { JobProducer, createJobQueue, jobOptions, loadConfig } from '@onetrip/backend';
import type { Queue } from 'bull';
import { REDIS_URL, cleanQueue, suiteName } from '../support/services';

describe('one Bull job per mining run', () => {
  const prefix = suiteName('jobs');
  let queue: Queue;
  let producer: JobProducer;
  const runId = '0b7c6a52-31a4-4c55-9b5e-6f3f0d0a7e11';
  const config = loadConfig({ REDIS_URL, QUEUE_PREFIX: prefix });

  beforeAll(async () => {
    await cleanQueue(prefix);
    queue = createJobQueue(config);
    await queue.isReady();
    producer = new JobProducer(queue);
  });

  afterAll(async () => {
    await queue?.close();
    await cleanQueue(prefix);
  });

  it('queues a run once, under its id, with the default retries', async () => {
    expect(await producer.enqueue('mining.run', { runId })).toBe(runId);
    expect(await producer.enqueue('mining.run', { runId })).toBe(runId);
    expect(await queue.getWaitingCount()).toBe(1);
    const job = await queue.getJob(runId);
    expect(job?.name).toBe('mining.run');
    expect(job?.data).toEqual({ runId });
    expect(job?.opts).toMatchObject({
      attempts: jobOptions(config).attempts,
      backoff: jobOptions(config).backoff,
    });
    // The default retries outlast a database outage of several minutes.
    expect(job?.opts.attempts).toBe(8);
    expect(await producer.isPending(runId)).toBe(true);
  });

  it('queues the run again once its previous job has finished', async () => {
    const done = new Promise<void>((resolve) => queue.once('completed', () => resolve()));
    void queue.process('mining.run', 1, () => Promise.resolve());
    await done;
    expect(await producer.isPending(runId)).toBe(false);

    await queue.pause(true);
    await producer.enqueue('mining.run', { runId });
    expect(await producer.isPending(runId)).toBe(true);
    expect(await (await queue.getJob(runId))?.getState()).toBe('waiting');
  });
});
