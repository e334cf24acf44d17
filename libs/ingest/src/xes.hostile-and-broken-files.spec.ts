import { readError, streamOf } from './testing';
import { fixture } from './testing';

describe('XES files that are broken or hostile fail fast with a precise IngestError', () => {
  it('refuses a billion-laughs DOCTYPE instead of expanding its entities', async () => {
    const before = process.memoryUsage().heapUsed;
    const err = await readError(fixture('not-ok', 'billion-laughs.xes'), {
      file: 'billion-laughs.xes',
    });
    expect(err).toMatchObject({
      code: 'entity-expansion',
      file: 'billion-laughs.xes',
      line: 2,
      column: null,
      reason: 'the DOCTYPE declares entities; entity expansion is refused',
    });
    // 10^9 "lol"s would be gigabytes; nothing of the sort was allocated.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses an external entity (XXE) the same way, never reading the named file', async () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE log [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<log><trace><string key="concept:name" value="&xxe;"/></trace></log>\n';
    const err = await readError(streamOf(xxe), { file: 'xxe.xes' });
    expect(err).toMatchObject({ code: 'entity-expansion', line: 2 });
  });

  it('treats an undeclared entity as malformed XML', async () => {
    const err = await readError(
      streamOf('<log>\n<trace><string key="concept:name" value="&boom;"/></trace></log>'),
      { file: 'u.xes' },
    );
    expect(err).toMatchObject({ code: 'xml-malformed', line: 2 });
  });

  it('reports an unclosed <event> at the close tag that does not match', async () => {
    const err = await readError(fixture('not-ok', 'unclosed-tag.xes'), {
      file: 'unclosed-tag.xes',
    });
    expect(err).toMatchObject({
      code: 'xml-malformed',
      file: 'unclosed-tag.xes',
      line: 12,
      column: null,
    });
    expect(err.message).toBe('unclosed-tag.xes:12: malformed XML: unexpected close tag.');
  });

  it('reports a file that ends inside the log', async () => {
    const err = await readError(streamOf('<log>\n<trace>\n<event>\n'), { file: 'cut.xes' });
    expect(err).toMatchObject({ code: 'xml-malformed' });
  });

  it('fails on a truncated gzip, without line, and never yields the half it could read', async () => {
    const err = await readError(fixture('not-ok', 'truncated.xes.gz'), {
      file: 'truncated.xes.gz',
    });
    expect(err).toMatchObject({
      code: 'gzip-truncated',
      file: 'truncated.xes.gz',
      line: null,
      reason: 'the gzip data is truncated (the file ends before the compressed stream does)',
    });
  });

  it('fails on a gzip that expands beyond the limit', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 32));
    const err = await readError(streamOf(bomb), {
      file: 'bomb.xes.gz',
      limits: { maxDecompressedBytes: 1024 * 1024 },
    });
    expect(err).toMatchObject({ code: 'decompressed-too-large', line: null });
  });

  it('fails on XML that is not an XES log, and on a log without events', async () => {
    await expect(
      readError(streamOf('<html><body/></html>'), { file: 'page.xes' }),
    ).resolves.toMatchObject({ code: 'xml-malformed' });
    await expect(
      readError(streamOf('<log><trace/></log>'), { file: 'empty.xes' }),
    ).resolves.toMatchObject({ code: 'header-only' });
  });
});
