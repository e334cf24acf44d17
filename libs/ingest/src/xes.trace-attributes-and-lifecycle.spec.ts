import { createReadStream, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { collect, event, fixture, streamOf } from './testing';

describe('an XES log read with the standard extensions', () => {
  const file = fixture('ok', 'trace-attributes.xes');

  it('maps concept:name, time:timestamp, lifecycle and resource, and keeps the rest as attributes', async () => {
    const records = await collect(file, { file: 'trace-attributes.xes' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 11,
        event: event({
          caseId: 'case-1',
          activity: 'Submit',
          timestamp: Date.UTC(2010, 9, 4, 7, 0), // 09:00 at +02:00
          lifecycle: 'start',
          resource: 'clerk-7',
          attributes: { 'case:channel': 'hall' },
        }),
      },
      {
        kind: 'event',
        line: 17,
        event: event({
          caseId: 'case-1',
          activity: 'Submit',
          timestamp: Date.UTC(2010, 9, 4, 7, 15, 30, 250),
          lifecycle: 'complete',
          // The nested <string key="currency"> inside <int key="fee"> is not an event attribute.
          attributes: { 'case:channel': 'hall', fee: '35' },
        }),
      },
      {
        kind: 'event',
        line: 27,
        // The trace's concept:name comes after its event in the file; it still names the case.
        event: event({
          caseId: 'case-2',
          activity: 'Pay & close',
          timestamp: Date.UTC(2010, 9, 31, 1, 30),
          attributes: { 'case:urgent': 'true' },
        }),
      },
    ]);
  });

  it('maps other keys when asked, looking in the trace for case: names and for names the event lacks', async () => {
    const records = await collect(file, {
      file: 'trace-attributes.xes',
      mapping: { channel: 'case:channel', service: 'urgent', lifecycle: 'nothing-here' },
    });
    const events = records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
    // lifecycle:transition is no longer mapped, so it becomes an attribute like any other.
    expect(events.map((e) => [e.channel, e.service, e.lifecycle, e.attributes])).toEqual([
      ['hall', null, null, { 'lifecycle:transition': 'start' }],
      ['hall', null, null, { fee: '35', 'lifecycle:transition': 'complete' }],
      [null, 'true', null, {}],
    ]);
  });

  it('reads the same events from a .xes.gz file and from a gzip stream with any name', async () => {
    const plain = await collect(file, { file: 'a.xes' });
    const gz = gzipSync(readFileSync(file));
    expect(
      await collect(streamOf(gz.subarray(0, 1), gz.subarray(1, 50), gz.subarray(50)), {
        file: 'upload.xes.gz',
      }),
    ).toEqual(plain);
    // The name says nothing; gzip is recognised by its magic bytes and XES by its first character.
    expect(await collect(streamOf(gz), { file: 'upload.bin' })).toEqual(plain);
    expect(await collect(createReadStream(file), { file: 'from-a-stream', format: 'xes' })).toEqual(
      plain,
    );
  });

  it('gives the same records when the text arrives one byte at a time', async () => {
    const whole = await collect(file, { file: 'a.xes' });
    const bytes = [...readFileSync(file)].map((b) => Buffer.from([b]));
    expect(await collect(streamOf(...bytes), { file: 'a.xes', encoding: 'utf-8' })).toEqual(whole);
  });

  it('rejects events without an activity or timestamp and events of a trace without a case id', async () => {
    const xes = `<log>
<trace><string key="concept:name" value="t1"/>
<event><date key="time:timestamp" value="2010-10-04T09:00:00.000+02:00"/></event>
<event><string key="concept:name" value="a"/></event>
<event><string key="concept:name" value="a"/><date key="time:timestamp" value="never"/></event>
</trace>
<trace>
<event><string key="concept:name" value="b"/><date key="time:timestamp" value="2010-10-04T09:00:00.000+02:00"/></event>
</trace>
</log>`;
    expect(await collect(streamOf(xes), { file: 'r.xes' })).toEqual([
      {
        kind: 'rejected',
        line: 3,
        column: 'concept:name',
        reason: 'missing activity',
        code: 'missing-activity',
        params: {},
      },
      {
        kind: 'rejected',
        line: 4,
        column: 'time:timestamp',
        reason: 'missing timestamp',
        code: 'missing-timestamp',
        params: {},
      },
      {
        kind: 'rejected',
        line: 5,
        column: 'time:timestamp',
        reason: 'unparseable timestamp "never"',
        code: 'unparseable-timestamp',
        params: { value: '"never"' },
      },
      {
        kind: 'rejected',
        line: 8,
        column: 'concept:name',
        reason: 'missing case id',
        code: 'missing-case-id',
        params: {},
      },
    ]);
  });
});
