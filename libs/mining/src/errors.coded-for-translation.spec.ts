import { MiningInputError, mine } from './index';
import { ev, HOUR, T0 } from './test-events';

describe('mining input errors carry a code and parameters', () => {
  it('a start after the completion: start-after-complete with the event, case and both times', () => {
    let error: unknown;
    try {
      mine([ev('A', 'a', T0), ev('G', 'b', T0 + HOUR, { startTimestamp: T0 + 2 * HOUR })]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MiningInputError);
    expect(error).toMatchObject({
      code: 'start-after-complete',
      field: 'startTimestamp',
      params: {
        event: 2,
        caseId: 'G',
        field: 'startTimestamp',
        start: new Date(T0 + 2 * HOUR).toISOString(),
        complete: new Date(T0 + HOUR).toISOString(),
      },
    });
  });

  it('a journey by citizen without one: citizen-missing with the journey key', () => {
    expect(() => mine([ev('A', 'a', T0)], { journey: 'citizen' })).toThrow(
      expect.objectContaining({
        code: 'citizen-missing',
        params: expect.objectContaining({ journey: 'citizen' }) as unknown,
      }) as Error,
    );
  });
});
