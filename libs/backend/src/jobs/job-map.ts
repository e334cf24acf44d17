/**
 * Every background job: its name and payload. Add a job here, give it an id below, and the
 * worker must register exactly one handler for it (apps/worker checks this in a test).
 */
export interface JobMap {
  /** Mine a dataset for a mining_run row; the row holds params, status and progress. */
  'mining.run': { runId: string };
  /** Mine shard `shard` of a sharded run (a run_shard row) and store its partial. */
  'mining.shard': { runId: string; shard: number };
}

export type JobName = keyof JobMap;

/**
 * Bull job id per job: a job for the same thing is never queued twice. A mining run's job id is
 * the run id, so the run row and its job are one-to-one; a shard's is the run id and shard number
 * (one job per run_shard row).
 */
export const JOB_IDS: { readonly [K in JobName]: (data: JobMap[K]) => string } = {
  'mining.run': (data) => data.runId,
  'mining.shard': (data) => shardJobId(data.runId, data.shard),
};

/** The Bull job id of one shard of a run. */
export function shardJobId(runId: string, shard: number): string {
  return `${runId}.shard-${shard}`;
}

export const JOB_NAMES = Object.keys(JOB_IDS) as JobName[];

/** The one Bull queue every job travels through (its Redis keys start with QUEUE_PREFIX). */
export const QUEUE_NAME = 'jobs';
