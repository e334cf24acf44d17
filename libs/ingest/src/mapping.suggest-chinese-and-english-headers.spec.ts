import { suggestMapping } from './mapping';

describe('suggestMapping proposes a column mapping for the user to confirm', () => {
  it('maps the Chinese headers of a government service-hall export', () => {
    const headers = [
      '办件编号',
      '事项名称',
      '环节名称',
      '开始时间',
      '办理时间',
      '证件号码',
      '办理渠道',
      '大厅',
      '部门',
      '备注',
    ];
    expect(suggestMapping(headers)).toEqual({
      caseId: '办件编号',
      service: '事项名称',
      activity: '环节名称',
      startTimestamp: '开始时间',
      timestamp: '办理时间',
      citizen: '证件号码',
      channel: '办理渠道',
      location: '大厅',
      department: '部门',
    });
  });

  it('maps English and XES-style headers, whatever their case and separators', () => {
    expect(
      suggestMapping([
        'Case ID',
        'Activity',
        'Start Time',
        'Complete_Timestamp',
        'Resource',
        'Channel',
      ]),
    ).toEqual({
      caseId: 'Case ID',
      activity: 'Activity',
      startTimestamp: 'Start Time',
      timestamp: 'Complete_Timestamp',
      resource: 'Resource',
      channel: 'Channel',
    });
    expect(
      suggestMapping([
        'case:concept:name',
        'concept:name',
        'time:timestamp',
        'org:resource',
        'lifecycle:transition',
        'case:channel',
      ]),
    ).toEqual({
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
      resource: 'org:resource',
      lifecycle: 'lifecycle:transition',
      channel: 'case:channel',
    });
  });

  it('uses sample values: a timestamp column must hold timestamps; ID numbers reveal the citizen', () => {
    const headers = ['单号', 'time', 'when', 'step', 'person'];
    const sample = [
      ['A1', 'morning', '2024-03-01 09:00', 'submit', '11010519900101123X'],
      ['A1', 'noon', '2024-03-01 12:00', 'check', '11010519900101123X'],
    ];
    // "time" holds no timestamps, so the column that does is chosen instead.
    expect(suggestMapping(headers, sample)).toEqual({
      activity: 'step',
      timestamp: 'when',
      citizen: 'person',
    });
  });

  it('uses each column once and leaves out fields without a candidate', () => {
    expect(suggestMapping(['activity', 'activity name', 'x'])).toEqual({ activity: 'activity' });
    expect(suggestMapping([])).toEqual({});
  });
});
