/**
 * Issue 16: BPIC15_1 maps correctly by default. Its first 64 KiB (what the upload dialog sends
 * for a preview) end inside hundreds of kB of log-level meta data, before any trace: the columns
 * come from the log's `<global scope="trace|event">` declarations, log-level meta attributes (the
 * 728 activity codes under meta_concept) are not columns, and the case id is the trace id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspectFile } from './inspect';
import { repoRoot, streamOf } from './testing';

const BPIC15_1 = path.resolve(repoRoot(), '..', 'shared', 'datasets', 'real', 'BPIC15_1.xes.gz');

describe('an XES whose first bytes hold no event yet', () => {
  it('offers the declared trace and event attributes and suggests the trace id as case id', async () => {
    const head = fs.readFileSync(BPIC15_1).subarray(0, 64 * 1024);
    const info = await inspectFile(Readable.from([head]), {
      file: 'BPIC15_1.xes.gz',
      prefix: true,
      rows: 50,
    });
    expect(info.sample).toEqual([]);
    expect(info.suggested).toEqual({
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
      lifecycle: 'lifecycle:transition',
      resource: 'org:resource',
    });
    expect(info.columns).toHaveLength(15);
    expect(info.columns).toContain('case:caseStatus');
    expect(info.columns.some((c) => /^0\d_/.test(c) || c.startsWith('meta_'))).toBe(false);
  });

  it('lists attributes seen on events first, then those only declared', async () => {
    const xes =
      '<log xes.version="1.0"><global scope="trace"><string key="concept:name" value="?"/></global>' +
      '<global scope="event"><string key="concept:name" value="?"/><string key="note" value=""/>' +
      '<date key="time:timestamp" value="1970-01-01T00:00:00Z"/></global>' +
      '<string key="meta:only" value="log-level"/>' +
      '<trace><string key="concept:name" value="T1"/><event><string key="concept:name" value="a"/>' +
      '<date key="time:timestamp" value="2024-03-01T09:00:00Z"/></event></trace></log>';
    const info = await inspectFile(streamOf(xes), { file: 'small.xes', rows: 5 });
    expect(info.columns).toEqual(['case:concept:name', 'concept:name', 'time:timestamp', 'note']);
    expect(info.sample).toHaveLength(1);
  });
});
