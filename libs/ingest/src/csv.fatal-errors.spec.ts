import { collect, fixture, readError, streamOf } from './testing';

describe('a CSV that cannot be read at all fails with a precise IngestError', () => {
  it('names the missing required column and the columns there are', async () => {
    const err = await readError(fixture('not-ok', 'missing-column.csv'), {
      file: 'missing-column.csv',
    });
    expect(err).toMatchObject({
      code: 'missing-column',
      file: 'missing-column.csv',
      line: 1,
      column: 'timestamp',
    });
    expect(err.message).toBe(
      'missing-column.csv:1 (column "timestamp"): the timestamp column "timestamp" (or "time:timestamp") is missing; the header has "case_id", "activity", "time"',
    );
  });

  it('fails on a mapped optional column that is not there', async () => {
    const err = await readError(streamOf('case_id,activity,timestamp\nA,b,2024-03-01\n'), {
      file: 'x.csv',
      mapping: { resource: 'user' },
    });
    expect(err).toMatchObject({ code: 'missing-column', line: 1, column: 'user' });
  });

  it('treats a field mapped to an empty name as not mapped', async () => {
    const records = await collect(streamOf('case_id,activity,timestamp\nA,b,2024-03-01\n'), {
      file: 'x.csv',
      mapping: { resource: '', caseId: '' },
    });
    expect(records.map((r) => r.kind)).toEqual(['event']);
  });

  it('fails on a file with a header and no data rows', async () => {
    const err = await readError(fixture('not-ok', 'header-only.csv'), { file: 'header-only.csv' });
    expect(err).toMatchObject({
      code: 'header-only',
      line: 1,
      column: null,
      reason: 'the file has a header row but no data rows',
    });
  });

  it('fails on an empty file', async () => {
    const err = await readError(streamOf(''), { file: 'empty.csv' });
    expect(err).toMatchObject({ code: 'empty-file', line: null });
  });

  it('fails on a 10 MB field with its line and column, without reading on to the end', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const text = `case_id,activity,timestamp,note\nA,a,2024-03-01,short\nA,b,2024-03-02,${big}\nA,c,2024-03-03,short\n`;
    const err = await readError(streamOf(text), { file: 'big.csv' });
    expect(err).toMatchObject({ code: 'field-too-long', file: 'big.csv', line: 3, column: 'note' });
    expect(err.reason).toMatch(/^a field of \d+ characters exceeds the limit of 1048576$/);
  });

  it('fails on a long quoted field still open when the limit is passed', async () => {
    const text = `case_id,activity,timestamp\nA,"${'y'.repeat(5000)}`;
    const chunks = [text.slice(0, 100), text.slice(100, 3000), text.slice(3000)];
    const err = await readError(streamOf(...chunks), {
      file: 'open.csv',
      limits: { maxFieldLength: 2000 },
    });
    expect(err).toMatchObject({ code: 'field-too-long', line: 2, column: 'activity' });
  });

  it('fails on more columns than the limit allows', async () => {
    const err = await readError(streamOf('case_id,activity,timestamp,a,b\nA,b,2024-03-01,1,2\n'), {
      file: 'wide.csv',
      limits: { maxColumns: 4 },
    });
    expect(err).toMatchObject({ code: 'too-many-columns', line: 1 });
  });

  it('fails on an unknown time zone or encoding before reading', async () => {
    await expect(
      collect(streamOf('case_id,activity,timestamp\n'), {
        file: 'z.csv',
        timezone: 'Mars/Olympus',
      }),
    ).rejects.toMatchObject({
      code: 'invalid-timezone',
    });
    await expect(
      collect(streamOf('a'), { file: 'e.csv', encoding: 'klingon-8' }),
    ).rejects.toMatchObject({ code: 'unknown-encoding' });
  });

  it('fails with read-failed, not a raw system error, when the path does not exist', async () => {
    const err = await readError(fixture('ok', 'no-such-file.csv'), { file: 'no-such-file.csv' });
    expect(err).toMatchObject({ code: 'read-failed', line: null });
    expect(err.reason).toBe('cannot read the file (ENOENT)');
  });
});
