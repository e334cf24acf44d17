import { EVENT_COLUMNS, eventColumns, rowToEvent } from './event-row';

describe('a case’s own time limit read for mining (承诺办结时间 / 承诺时限)', () => {
  it('is the first non-empty of the attributes named, after the ticket column (NULL without one)', () => {
    expect(eventColumns(undefined, ['承诺办结时间', "承诺'时限"])).toBe(
      `${EVENT_COLUMNS}, NULL, coalesce(nullif(attributes ->> '承诺办结时间', ''), ` +
        `nullif(attributes ->> '承诺''时限', ''))`,
    );
    expect(eventColumns('票号', ['承诺时限'])).toBe(
      `${EVENT_COLUMNS}, attributes ->> '票号', coalesce(nullif(attributes ->> '承诺时限', ''))`,
    );
  });

  it('becomes the event’s promised text, absent where the event has none', () => {
    const row = ['BJ1', '受理', '0', null, null, null, null, null, 'hall', 'H1', null, null];
    expect(rowToEvent([...row, null, '2025-02-07'])).toMatchObject({
      ticket: null,
      promised: '2025-02-07',
    });
    expect(rowToEvent([...row, 'A001', null])).not.toHaveProperty('promised');
    expect(rowToEvent([...row, 'A001', null]).ticket).toBe('A001');
  });
});
