import { EVENT_COLUMNS } from './event-row';
import {
  TIMELINE_LIMIT,
  eventCopySql,
  journeyCopySql,
  miningCopySql,
} from './event-query.repository';

const ID = '6f0c5a3e-8a52-4f0b-9d0e-2b7c1d3e4f50';
const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ');
const ORDER = 'ORDER BY case_id, ts, line, identity';

describe('reading events: one COPY … TO STDOUT for mining, filtered runs and timelines', () => {
  it('reads a whole dataset in mining order when there is no filter', () => {
    const whole = oneLine(
      `COPY (SELECT ${EVENT_COLUMNS} FROM event WHERE dataset_id = '${ID}' ${ORDER}) TO STDOUT`,
    );
    expect(oneLine(miningCopySql(ID, {}, 'case'))).toBe(whole);
    expect(oneLine(miningCopySql(ID, {}, 'citizen'))).toBe(whole);
    expect(oneLine(eventCopySql(ID))).toBe(whole);
  });

  it('narrows a filtered read to the journey keys with a matching event per field', () => {
    const sql = oneLine(
      miningCopySql(ID, { service: ['Permit'], channel: [' Hall '] }, 'citizen+service'),
    );
    const dataset = `dataset_id = '${ID}'`;
    expect(sql).toContain(
      `WHERE ${dataset} AND citizen_key IN (SELECT citizen_key FROM event WHERE ${dataset} AND ` +
        `(service IN ('Permit'))) AND citizen_key IN (SELECT citizen_key FROM event WHERE ` +
        `${dataset} AND (lower(trim(channel)) IN ('hall'))) ${ORDER}) TO STDOUT`,
    );
    expect(oneLine(miningCopySql(ID, { from: '2026-01-01T00:00:00.000Z' }, 'case'))).toContain(
      `case_id IN (SELECT case_id FROM event WHERE ${dataset} AND ((ts >= ` +
        `'2026-01-01T00:00:00.000Z'::timestamptz) OR (start_ts >= '2026-01-01T00:00:00.000Z'::timestamptz)))`,
    );
  });

  it("reads one journey key's events, at most TIMELINE_LIMIT, values as escaped literals", () => {
    expect(oneLine(journeyCopySql(ID, 'case', "O'Brien", null))).toContain(
      `WHERE dataset_id = '${ID}' AND case_id = 'O''Brien' ${ORDER} LIMIT ${TIMELINE_LIMIT})`,
    );
    expect(oneLine(journeyCopySql(ID, 'citizen', 'a\\b', null))).toContain(
      `AND citizen_key = E'a\\\\b' ${ORDER}`,
    );
    expect(oneLine(journeyCopySql(ID, 'citizen+service', 'k', null))).toContain(
      `AND citizen_key = 'k' AND coalesce(service, '') = coalesce(NULL::text, '') ${ORDER}`,
    );
    expect(oneLine(journeyCopySql(ID, 'citizen+service', 'k', "Mary's"))).toContain(
      `coalesce(service, '') = coalesce('Mary''s'::text, '')`,
    );
  });

  it('refuses a dataset id that is not a uuid (COPY takes no bind parameters)', () => {
    const injected = "x' OR true --";
    expect(() => miningCopySql(injected, {}, 'case')).toThrow('not a uuid');
    expect(() => journeyCopySql(injected, 'case', 'K1', null)).toThrow('not a uuid');
  });
});
