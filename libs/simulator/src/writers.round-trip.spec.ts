import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import type { SimulatedEvent } from './journey';
import { simulate } from './simulate';
import { COLUMNS, SIMULATOR_MAPPING, toCsv, toNdjson, toXes } from './writers';

const events: SimulatedEvent[] = [...simulate({ journeys: 150, seed: 'writers', lang: 'zh-CN' })];

/** An event whose every text field needs escaping somewhere. */
const awkward: SimulatedEvent = {
  caseId: 'A,1',
  citizenId: 'C"2"',
  service: 'Line\nbreak',
  activity: 'Check <papers> & "stamp"',
  timestamp: Date.UTC(2025, 6, 1, 2, 0, 0),
  startTimestamp: Date.UTC(2025, 6, 1, 1, 30, 0),
  channel: 'hall',
  location: "O'Hall, East",
  department: 'Dept',
  resource: 'W-01',
  sourceSystem: 'counter',
  journeyId: 'J-awkward',
};

describe('the writers produce files that parse back to the same events', () => {
  it('CSV: header row with the contract columns, one row per event, +08:00 timestamps', () => {
    const text = [...toCsv(events)].join('');
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(text.split('\n')[0]).toBe(
      'case_id,citizen_id,service,activity,timestamp,start_timestamp,channel,location,department,resource,source_system',
    );
    expect(rows).toHaveLength(events.length);
    rows.forEach((r, i) => {
      const e = events[i];
      expect(r.case_id).toBe(e.caseId);
      expect(r.activity).toBe(e.activity);
      expect(r.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(Date.parse(r.timestamp)).toBe(e.timestamp);
      expect(Date.parse(r.start_timestamp)).toBe(e.startTimestamp);
      expect(r.location).toBe(e.location ?? '');
      expect(r.source_system).toBe(e.sourceSystem);
    });
  });

  it('CSV: quotes fields with commas, quotes and line breaks', () => {
    const rows = parse<Record<string, string>>([...toCsv([awkward])].join(''), { columns: true });
    expect(rows).toEqual([
      {
        case_id: 'A,1',
        citizen_id: 'C"2"',
        service: 'Line\nbreak',
        activity: 'Check <papers> & "stamp"',
        timestamp: '2025-07-01T10:00:00+08:00',
        start_timestamp: '2025-07-01T09:30:00+08:00',
        channel: 'hall',
        location: "O'Hall, East",
        department: 'Dept',
        resource: 'W-01',
        source_system: 'counter',
      },
    ]);
  });

  it('NDJSON: one object per line with the same keys, null location off the hall', () => {
    const lines = [...toNdjson(events)].join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(events.length);
    lines.forEach((line, i) => {
      const o = JSON.parse(line) as Record<string, string | null>;
      expect(Object.keys(o)).toEqual([...COLUMNS]);
      expect(o.case_id).toBe(events[i].caseId);
      expect(Date.parse(o.timestamp ?? '')).toBe(events[i].timestamp);
      expect(o.location).toBe(events[i].location);
    });
  });

  it('XES: well-formed XML, one trace per case, every event once with its timestamps', () => {
    const xml = [...toXes([...events, awkward])].join('');
    const parser = new SaxesParser({ xmlns: true });
    const traces = new Map<string, number>();
    let traceName: string | null = null;
    let inEvent = false;
    let eventCount = 0;
    const activities: string[] = [];
    parser.on('opentag', (tag) => {
      const key = tag.attributes.key?.value;
      const value = tag.attributes.value?.value;
      if (tag.local === 'trace') traceName = null;
      if (tag.local === 'event') {
        inEvent = true;
        eventCount++;
      }
      if (!inEvent && tag.local === 'string' && key === 'concept:name' && traceName === null) {
        traceName = value ?? '';
        traces.set(traceName, (traces.get(traceName) ?? 0) + 1);
      }
      if (inEvent && key === 'concept:name') activities.push(value ?? '');
    });
    parser.on('closetag', (tag) => {
      if (tag.local === 'event') inEvent = false;
    });
    parser.write(xml).close();
    const caseIds = new Set([...events, awkward].map((e) => e.caseId));
    expect(eventCount).toBe(events.length + 1);
    expect(traces.get('__INVALID__')).toBe(1); // the global default, not a trace
    traces.delete('__INVALID__');
    expect(new Set(traces.keys())).toEqual(caseIds);
    expect([...traces.values()].every((n) => n === 1)).toBe(true);
    expect(activities.sort()).toEqual([...events, awkward].map((e) => e.activity).sort());
    expect(xml).toContain('value="Check &lt;papers&gt; &amp; &quot;stamp&quot;"');
  });

  it('maps every column to a logical event field for ingest', () => {
    expect(Object.values(SIMULATOR_MAPPING).sort()).toEqual([...COLUMNS].sort());
    expect(SIMULATOR_MAPPING.citizen).toBe('citizen_id');
    expect(SIMULATOR_MAPPING.startTimestamp).toBe('start_timestamp');
  });
});
