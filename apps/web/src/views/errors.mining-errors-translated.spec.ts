/** Issue 16: a run that cannot mine the data says why in the user's language, and the fix. */
import { createTranslator } from '../i18n/i18n';
import { RunFailure } from '../controllers/run-watcher';
import { describeError } from './errors';

const failure = new RunFailure({
  error:
    "event #809 (case 'G'): startTimestamp 2014-10-14T00:00:00.000Z is after timestamp 2014-10-09T09:39:57.000Z",
  errorCode: 'start-after-complete',
  errorParams: {
    event: 809,
    caseId: 'G',
    field: 'startTimestamp',
    start: '2014-10-14T00:00:00.000Z',
    complete: '2014-10-09T09:39:57.000Z',
  },
});

describe('a mining error in the interface language', () => {
  it('names the event and the column to check, in Chinese', () => {
    const m = describeError(failure, createTranslator('zh-CN'));
    expect(m.message).toContain(
      '事件 #809（办件 G）的开始时间 2014-10-14T00:00:00.000Z 晚于完成时间',
    );
    expect(m.message).toContain('请检查列映射中的“开始时间”');
    // The server's English words stay as the detail.
    expect(m.detail).toContain('is after timestamp');
  });

  it('and in English', () => {
    const m = describeError(failure, createTranslator('en'));
    expect(m.message).toContain('Event 809 (case G) starts at 2014-10-14T00:00:00.000Z');
    expect(m.message).toContain('check the start time in the column mapping');
  });

  it('falls back to the generic message for a failure without a code', () => {
    const m = describeError(
      new RunFailure({ error: 'Connection terminated', errorCode: null, errorParams: null }),
      createTranslator('zh-CN'),
    );
    expect(m.detail).toBe('Connection terminated');
    expect(m.message).not.toContain('事件');
  });
});
