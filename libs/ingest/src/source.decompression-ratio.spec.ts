/**
 * A small gzip that expands a thousand times (a file of newlines or zeros) is stopped relative to
 * what was sent, not only at the absolute limit of 16 GiB that takes minutes of CPU to reach.
 */
import { gzipSync } from 'node:zlib';
import { collect, readError, streamOf } from './testing';

describe('gzip expansion is limited relative to the compressed size', () => {
  it('stops a gzip of zeros with decompression-ratio', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const err = await readError(streamOf(bomb), {
      file: 'zeros.csv.gz',
      limits: { decompressionRatioFreeBytes: 1024 * 1024, maxDecompressionRatio: 100 },
    });
    expect(err).toMatchObject({ code: 'decompression-ratio', line: null });
    expect(err.reason).toMatch(
      /^the gzip data expands more than 100 times \(\d+ compressed bytes gave \d+ bytes and counting\)$/,
    );
  });

  it('lets a small file expand as it likes, below decompressionRatioFreeBytes', async () => {
    const text = 'case_id,activity,timestamp\n' + 'A,b,2024-03-01 09:00:00\n'.repeat(20_000);
    const gz = gzipSync(Buffer.from(text));
    expect(text.length / gz.length).toBeGreaterThan(100);
    const records = await collect(streamOf(gz), {
      file: 'repetitive.csv.gz',
      limits: { maxDecompressionRatio: 100 },
    });
    expect(records).toHaveLength(20_000);
  });

  it('stops a gzip of newlines early with empty-line-flood', async () => {
    const err = await readError(streamOf(gzipSync(Buffer.alloc(4 * 1024 * 1024, 10))), {
      file: 'newlines.csv.gz',
    });
    expect(err).toMatchObject({ code: 'empty-line-flood' });
  });
});
