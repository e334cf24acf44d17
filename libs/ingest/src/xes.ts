/**
 * Streaming XES (IEEE 1849) reader on saxes. Events are emitted when their trace closes, so
 * trace attributes written after the events still reach them; memory holds one trace at a time.
 * No DTD is processed: a DOCTYPE declaring entities is refused (billion laughs), undeclared
 * entities are malformed XML, and nothing external is ever fetched.
 */
import { SaxesParser } from 'saxes';
import {
  CachedTimestamp,
  implausibleTime,
  citizenValue,
  fieldTooLong,
  quote,
  rejected,
  setAttribute,
  reportProgress,
  type ParseContext,
} from './context';
import { IngestError } from './errors';
import { XES_DEFAULT_MAPPING } from './mapping';
import type { IngestRecord, NormalizedEvent } from './types';

export const ATTRIBUTE_TAGS = new Set([
  'string',
  'date',
  'int',
  'float',
  'boolean',
  'id',
  'list',
  'container',
]);

interface PendingEvent {
  line: number;
  attrs: Map<string, string>;
}

type Frame = 'log' | 'trace' | 'event' | 'attribute' | 'other';

export async function* parseXes(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<IngestRecord[]> {
  const m = { ...XES_DEFAULT_MAPPING };
  for (const [k, v] of Object.entries(ctx.mapping)) {
    if (typeof v === 'string') (m as Record<string, string>)[k] = v;
  }
  const mappedNames = new Set(Object.values(m));
  const stripCase = (name: string): string => (name.startsWith('case:') ? name.slice(5) : name);
  const caseKey = stripCase(m.caseId);
  const maxField = ctx.state.limits.maxFieldLength;
  const ts = new CachedTimestamp(ctx.timezone);
  const startTs = new CachedTimestamp(ctx.timezone);

  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  let traceAttrs = new Map<string, string>();
  let events: PendingEvent[] = [];
  let current: PendingEvent | null = null;
  let out: IngestRecord[] = [];
  let sawLog = false;
  let eventsSeen = 0;

  /** Trace keys the current event took a mapped field from (left out of its attributes). */
  const usedTrace = new Set<string>();
  const lookup = (ev: PendingEvent, name: string): string | undefined => {
    if (name.startsWith('case:')) {
      usedTrace.add(name.slice(5));
      return traceAttrs.get(name.slice(5));
    }
    const v = ev.attrs.get(name);
    if (v !== undefined) return v;
    const t = traceAttrs.get(name);
    if (t !== undefined) usedTrace.add(name);
    return t;
  };
  // The case id comes from the trace; only an explicitly mapped, non-`case:` name that is not
  // also the activity's may fall back to an event attribute.
  const caseFromEvent =
    ctx.mapping.caseId !== undefined && !m.caseId.startsWith('case:') && m.caseId !== m.activity;
  const optional = (ev: PendingEvent, name: string | undefined): string | null => {
    if (name === undefined) return null;
    const v = lookup(ev, name);
    return v === undefined || v === '' ? null : v;
  };

  const emitTrace = (): void => {
    const caseId = traceAttrs.get(caseKey);
    for (const ev of events) {
      usedTrace.clear();
      const id = caseId ?? (caseFromEvent ? ev.attrs.get(m.caseId) : undefined);
      if (id === undefined || id === '') {
        out.push(rejected(ev.line, m.caseId, 'missing-case-id'));
        continue;
      }
      const activity =
        ev.attrs.get(m.activity) ??
        (m.activity.startsWith('case:') ? lookup(ev, m.activity) : undefined);
      if (activity === undefined || activity === '') {
        out.push(rejected(ev.line, m.activity, 'missing-activity'));
        continue;
      }
      const rawTs = lookup(ev, m.timestamp);
      if (rawTs === undefined || rawTs === '') {
        out.push(rejected(ev.line, m.timestamp, 'missing-timestamp'));
        continue;
      }
      const timestamp = ts.parse(rawTs);
      if (timestamp === null) {
        out.push(rejected(ev.line, m.timestamp, 'unparseable-timestamp', { value: quote(rawTs) }));
        continue;
      }
      const implausible = implausibleTime(ctx, ev.line, m.timestamp, rawTs, timestamp);
      if (implausible !== null) {
        out.push(implausible);
        continue;
      }
      let startTimestamp: number | null = null;
      const rawStart = optional(ev, m.startTimestamp);
      if (rawStart !== null) {
        startTimestamp = startTs.parse(rawStart);
        if (startTimestamp === null) {
          out.push(
            rejected(ev.line, m.startTimestamp ?? null, 'unparseable-timestamp', {
              value: quote(rawStart),
            }),
          );
          continue;
        }
        const odd = implausibleTime(
          ctx,
          ev.line,
          m.startTimestamp ?? null,
          rawStart,
          startTimestamp,
        );
        if (odd !== null) {
          out.push(odd);
          continue;
        }
      }
      const lifecycle = optional(ev, m.lifecycle);
      const resource = optional(ev, m.resource);
      const service = optional(ev, m.service);
      const channel = optional(ev, m.channel);
      const location = optional(ev, m.location);
      const department = optional(ev, m.department);
      const sourceSystem = optional(ev, m.sourceSystem);
      const citizen = citizenValue(ctx, optional(ev, m.citizen));
      const attributes: Record<string, string> = {};
      if (ctx.keepAttributes) {
        for (const [k, v] of traceAttrs) {
          if (v !== '' && k !== caseKey && !usedTrace.has(k))
            setAttribute(attributes, `case:${k}`, v);
        }
        for (const [k, v] of ev.attrs) {
          if (v !== '' && !mappedNames.has(k)) setAttribute(attributes, k, v);
        }
      }
      const event: NormalizedEvent = {
        caseId: id,
        activity,
        timestamp,
        startTimestamp,
        lifecycle,
        resource,
        citizen,
        service,
        channel,
        location,
        department,
        sourceSystem,
        attributes,
      };
      out.push({ kind: 'event', line: ev.line, event });
    }
    events = [];
    traceAttrs = new Map();
  };

  let pendingLine = 0;
  parser.on('opentagstart', () => {
    pendingLine = parser.line;
  });
  parser.on('doctype', (doctype: string) => {
    if (/<!ENTITY/i.test(doctype)) {
      const newlines = doctype.split('\n').length - 1;
      throw new IngestError({
        file: ctx.file,
        line: parser.line - newlines,
        reason: 'the DOCTYPE declares entities; entity expansion is refused',
        code: 'entity-expansion',
      });
    }
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    let frame: Frame = 'other';
    if (name === 'log' && parent === null) {
      frame = 'log';
      sawLog = true;
    } else if (name === 'trace' && parent === 'log') {
      frame = 'trace';
      traceAttrs = new Map();
      events = [];
    } else if (name === 'event' && parent === 'trace') {
      frame = 'event';
      current = { line: pendingLine, attrs: new Map() };
    } else if (ATTRIBUTE_TAGS.has(name)) {
      frame = 'attribute';
      if (parent === 'trace' || parent === 'event') {
        const key = tag.attributes.key;
        const value = tag.attributes.value ?? '';
        if (typeof key === 'string') {
          const v = typeof value === 'string' ? value : '';
          if (v.length > maxField) throw fieldTooLong(ctx, parser.line, key, v.length);
          if (parent === 'event' && current !== null) current.attrs.set(key, v);
          else if (parent === 'trace') traceAttrs.set(key, v);
        }
      }
    }
    stack.push(frame);
  });
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (frame === 'event' && current !== null) {
      events.push(current);
      eventsSeen++;
      current = null;
    } else if (frame === 'trace') {
      emitTrace();
    }
  });

  const malformed = (err: unknown): IngestError => {
    if (err instanceof IngestError) return err;
    const msg = err instanceof Error ? err.message : String(err);
    // saxes prefixes "line:column: "; we report the line separately.
    const reason = msg.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    return new IngestError({
      file: ctx.file,
      line: parser.line,
      reason: `malformed XML: ${reason}`,
      code: 'xml-malformed',
      cause: err,
    });
  };

  for await (const chunk of text) {
    try {
      parser.write(chunk);
    } catch (err) {
      throw malformed(err);
    }
    const batch = out;
    out = [];
    reportProgress(ctx, batch);
    if (batch.length > 0) yield batch;
  }
  try {
    parser.close();
  } catch (err) {
    throw malformed(err);
  }
  if (!sawLog) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: 'not an XES file: no <log> element',
      code: 'xml-malformed',
    });
  }
  if (eventsSeen === 0) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: 'the log has no events',
      code: 'header-only',
    });
  }
  const batch = out;
  reportProgress(ctx, batch);
  if (batch.length > 0) yield batch;
}
