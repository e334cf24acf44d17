/**
 * `onetrip mine FILE … [options] --json`: streams event logs through @onetrip/ingest into the
 * mining engine and prints one JSON document on stdout. Errors name file, line and field on
 * stderr; exit codes: 0 done, 1 bad input, 2 bad command line.
 */
import { IngestError } from '@onetrip/ingest';
import { createMiner, MiningInputError, type MiningResult } from '@onetrip/mining';
import { MINE_USAGE, parseMineArgs, type MineArgs } from '../mine/args';
import { UsageError } from '../mine/duration';
import { cpuMs, readIntoMiner, RowError, type ReadCounts } from '../mine/read-into-miner';
import { formatReport } from '../mine/report';

export const mine = {
  async run(argv: string[]): Promise<number> {
    let args: MineArgs;
    try {
      args = parseMineArgs(argv);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`onetrip mine: ${error.message}\n\n${MINE_USAGE}`);
      return 2;
    }
    if (args.help) {
      process.stdout.write(MINE_USAGE);
      return 0;
    }
    try {
      return await mineFiles(args);
    } catch (error) {
      if (
        error instanceof IngestError ||
        error instanceof RowError ||
        error instanceof MiningInputError
      ) {
        process.stderr.write(`onetrip mine: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

async function mineFiles(args: MineArgs): Promise<number> {
  const started = performance.now();
  const startCpu = process.cpuUsage();
  const miner = createMiner(args.mining);
  const counts: ReadCounts = { events: 0, rejected: 0, addMs: 0, addCpuMs: 0 };
  for (const file of args.files) await readIntoMiner(file, args, miner, counts);
  const read = performance.now();
  const readCpu = process.cpuUsage();
  const result = miner.result();
  const done = performance.now();
  const resultCpuMs = cpuMs(process.cpuUsage(readCpu));
  result.summary.rejected = counts.rejected;
  limitVariants(result, args.variants);
  // `onetrip mine … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : formatReport(result));
  warn(result.summary);
  if (args.timings) {
    const timings = {
      readMs: read - started - counts.addMs,
      addMs: counts.addMs,
      resultMs: done - read,
      readCpuMs: cpuMs(process.cpuUsage(startCpu)) - resultCpuMs - counts.addCpuMs,
      addCpuMs: counts.addCpuMs,
      resultCpuMs,
      events: counts.events,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    process.stderr.write(`timings ${JSON.stringify(timings)}\n`);
  }
  return 0;
}

/**
 * Keeps the `limit` most frequent variants (and their lead times in insights.variants, listed in
 * the same order); summary.variants keeps the count of all of them.
 */
export function limitVariants(result: MiningResult, limit: number | null): void {
  result.summary.variants = result.variants.length;
  if (limit === null) return;
  result.variants = result.variants.slice(0, limit);
  if (result.insights) result.insights.variants = result.insights.variants.slice(0, limit);
}

function warn(summary: {
  rejected?: number;
  unmatchedStarts?: number;
  ignoredEvents?: number;
}): void {
  if (summary.rejected)
    process.stderr.write(`onetrip mine: skipped ${summary.rejected} invalid rows\n`);
  if (summary.unmatchedStarts) {
    process.stderr.write(
      `onetrip mine: ${summary.unmatchedStarts} lifecycle start events never completed (no instance)\n`,
    );
  }
}
