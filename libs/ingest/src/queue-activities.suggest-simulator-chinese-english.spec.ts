import { suggestQueueActivities } from './queue-activities';
import { ticketRowQueueActivities } from './ticket-rows';

describe('suggested queue activities', () => {
  it("recognises the simulator's names among the other activities", () => {
    expect(
      suggestQueueActivities([
        'Take queue ticket',
        'Called to window',
        'Submit application',
        'Not called before closing',
        'Take queue ticket',
      ]),
    ).toEqual({
      ticket: ['Take queue ticket'],
      call: ['Called to window'],
      abandon: ['Not called before closing'],
    });
  });

  it('recognises common Chinese and English queue-system names, whatever their case and spacing', () => {
    expect(suggestQueueActivities(['取号', '叫号', '过号', '闭厅未叫号', '受理'])).toEqual({
      ticket: ['取号'],
      call: ['叫号'],
      abandon: ['过号', '闭厅未叫号'],
    });
    expect(suggestQueueActivities([' Ticket ', 'CALL', 'no-show', 'review'])).toEqual({
      ticket: ['Ticket'],
      call: ['CALL'],
      abandon: ['no-show'],
    });
  });

  it('suggests nothing for a column without both a ticket and a call', () => {
    expect(suggestQueueActivities(['受理', '审核', '办结'])).toBeNull();
    expect(suggestQueueActivities(['取号', '受理'])).toBeNull();
    expect(suggestQueueActivities([])).toBeNull();
  });
});

describe('one-row-per-ticket headers', () => {
  it('give the activities their rows become, in the language of the ticket-time header', () => {
    expect(ticketRowQueueActivities(['票号', '取号时间', '叫号时间', '完成时间', '窗口'])).toEqual({
      ticket: ['取号'],
      call: ['叫号'],
      abandon: [],
    });
    expect(ticketRowQueueActivities(['ticket_no', 'Ticket Time', 'call_time'])).toEqual({
      ticket: ['Take queue ticket'],
      call: ['Called to window'],
      abandon: [],
    });
  });

  it('are not recognised in an event log (no ticket time, or no call time)', () => {
    expect(ticketRowQueueActivities(['case_id', 'activity', 'timestamp'])).toBeNull();
    expect(ticketRowQueueActivities(['票号', '取号时间', '窗口'])).toBeNull();
  });
});
