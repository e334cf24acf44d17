import { EVENT_COLUMNS, eventColumns, rowToEvent } from './event-row';

describe('the ticket-number attribute read for mining', () => {
  it('is a 13th column, its name inlined as a literal (quotes doubled)', () => {
    expect(eventColumns()).toBe(EVENT_COLUMNS);
    expect(eventColumns("票'号")).toBe(`${EVENT_COLUMNS}, attributes ->> '票''号'`);
  });

  it('becomes the event ticket, null where the event has none', () => {
    const row = ['BJ1', '取号', '0', null, null, null, null, null, 'hall', 'H1', null, null];
    expect(rowToEvent(row)).not.toHaveProperty('ticket');
    expect(rowToEvent([...row, 'A001']).ticket).toBe('A001');
    expect(rowToEvent([...row, null]).ticket).toBeNull();
  });
});
