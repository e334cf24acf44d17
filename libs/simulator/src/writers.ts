/**
 * Streaming writers: CSV, NDJSON and XES, as encoders (push one event, get text back) and as
 * generators of string chunks over any iterable of events. Nothing holds more than one journey.
 */
import { EventLogFormatSchema, type ColumnMapping, type EventLogFormat } from '@onetrip/contracts';
import { formatTimestamp } from './calendar';
import type { SimulatedEvent } from './journey';

/** The formats the simulator writes: the text formats of EventLogFormat (not workbooks). */
export type Format = Exclude<EventLogFormat, 'xlsx'>;

export const FORMATS: readonly Format[] = EventLogFormatSchema.options.filter(
  (f): f is Format => f !== 'xlsx',
);

/** Columns of the CSV (and keys of the NDJSON objects), in order. */
export const COLUMNS = [
  'case_id',
  'citizen_id',
  'service',
  'activity',
  'timestamp',
  'start_timestamp',
  'channel',
  'location',
  'department',
  'resource',
  'source_system',
] as const;

/** How the simulator's CSV and NDJSON columns map to the logical event fields (for ingest). */
export const SIMULATOR_MAPPING: ColumnMapping = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  startTimestamp: 'start_timestamp',
  citizen: 'citizen_id',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
  resource: 'resource',
  sourceSystem: 'source_system',
};

/** The mining options under which the ground truth holds (the contract's other defaults apply). */
export const SIMULATOR_MINING_OPTIONS = {
  journey: 'citizen+service',
  inPerson: ['hall'],
} as const;

export interface Encoder {
  header(): string;
  /** Text for this event; may be empty while the encoder waits for the rest of a journey. */
  encode(event: SimulatedEvent): string;
  /** Whatever is still buffered, and the closing text. */
  footer(): string;
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvEncoder(): Encoder {
  return {
    header: () => `${COLUMNS.join(',')}\n`,
    encode: (e) =>
      `${csvField(e.caseId)},${csvField(e.citizenId)},${csvField(e.service)},${csvField(e.activity)},${formatTimestamp(e.timestamp)},${formatTimestamp(e.startTimestamp)},${e.channel},${csvField(e.location ?? '')},${csvField(e.department)},${csvField(e.resource)},${e.sourceSystem}\n`,
    footer: () => '',
  };
}

export function ndjsonEncoder(): Encoder {
  return {
    header: () => '',
    encode: (e) =>
      `${JSON.stringify({
        case_id: e.caseId,
        citizen_id: e.citizenId,
        service: e.service,
        activity: e.activity,
        timestamp: formatTimestamp(e.timestamp),
        start_timestamp: formatTimestamp(e.startTimestamp),
        channel: e.channel,
        location: e.location,
        department: e.department,
        resource: e.resource,
        source_system: e.sourceSystem,
      })}\n`,
    footer: () => '',
  };
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

const XES_HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <date key="time:timestamp" value="1970-01-01T08:00:00+08:00"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
`;

function xesEvent(e: SimulatedEvent): string {
  const location =
    e.location === null ? '' : `\n      <string key="location" value="${xml(e.location)}"/>`;
  return `    <event>
      <string key="concept:name" value="${xml(e.activity)}"/>
      <date key="time:timestamp" value="${formatTimestamp(e.timestamp)}"/>
      <date key="start_timestamp" value="${formatTimestamp(e.startTimestamp)}"/>
      <string key="org:resource" value="${xml(e.resource)}"/>
      <string key="citizen_id" value="${xml(e.citizenId)}"/>
      <string key="service" value="${xml(e.service)}"/>
      <string key="channel" value="${e.channel}"/>${location}
      <string key="department" value="${xml(e.department)}"/>
      <string key="source_system" value="${e.sourceSystem}"/>
    </event>
`;
}

/**
 * XES: one trace per case id, with the events of the case in order of start. Cases never span
 * journeys, so the encoder buffers one journey's events and writes its traces when the next
 * journey begins (in order of each case's first event).
 */
export function xesEncoder(): Encoder {
  let journey: string | null = null;
  let cases = new Map<string, SimulatedEvent[]>();
  const flush = (): string => {
    let out = '';
    for (const [caseId, events] of cases) {
      const first = events[0];
      out += `  <trace>
    <string key="concept:name" value="${xml(caseId)}"/>
    <string key="citizen_id" value="${xml(first.citizenId)}"/>
    <string key="service" value="${xml(first.service)}"/>
    <string key="source_system" value="${first.sourceSystem}"/>
`;
      for (const e of events) out += xesEvent(e);
      out += '  </trace>\n';
    }
    cases = new Map();
    return out;
  };
  return {
    header: () => XES_HEADER,
    encode: (e) => {
      let out = '';
      if (e.journeyId !== journey) {
        out = flush();
        journey = e.journeyId;
      }
      const list = cases.get(e.caseId);
      if (list) list.push(e);
      else cases.set(e.caseId, [e]);
      return out;
    },
    footer: () => `${flush()}</log>\n`,
  };
}

export function encoderFor(format: Format): Encoder {
  switch (format) {
    case 'csv':
      return csvEncoder();
    case 'ndjson':
      return ndjsonEncoder();
    case 'xes':
      return xesEncoder();
  }
}

/** Chunks of about this many characters: large enough to write fast, small enough to stream. */
const CHUNK = 1 << 16;

/** Encodes a stream of events into string chunks (header first, footer last). */
export function* encode(
  events: Iterable<SimulatedEvent>,
  encoder: Encoder,
): Generator<string, void, undefined> {
  let buffer = encoder.header();
  for (const event of events) {
    buffer += encoder.encode(event);
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += encoder.footer();
  if (buffer) yield buffer;
}

export const toCsv = (events: Iterable<SimulatedEvent>): Generator<string, void, undefined> =>
  encode(events, csvEncoder());

export const toNdjson = (events: Iterable<SimulatedEvent>): Generator<string, void, undefined> =>
  encode(events, ndjsonEncoder());

export const toXes = (events: Iterable<SimulatedEvent>): Generator<string, void, undefined> =>
  encode(events, xesEncoder());
