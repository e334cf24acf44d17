/**
 * Error bodies never carry a stack trace, SQL or a driver's message: an unexpected error (a
 * failed query included) answers the generic 500 problem, and the filter sends exactly the
 * problem's fields.
 */
import { QueryFailedError } from 'typeorm';
import { ProblemException } from './problem';
import { sendProblem, toProblem } from './problem.filter';

const SQL = `SELECT * FROM event WHERE dataset_id = '1' AND citizen_key = 'pseudonym:abc'`;

function sent(problem: ReturnType<typeof toProblem>): { status: number; body: string } {
  let body = '';
  const res = {
    headersSent: false,
    statusCode: 0,
    setHeader: () => undefined,
    end: (text: string) => {
      body = text;
    },
  };
  sendProblem(res as never, problem, '/api/v1/datasets/1');
  return { status: res.statusCode, body };
}

describe('error bodies', () => {
  it('say nothing of a failed query: no SQL, no driver message, no stack', () => {
    const error = new QueryFailedError(SQL, [], new Error('relation "event" does not exist'));
    const { status, body } = sent(toProblem(error));
    expect(status).toBe(500);
    expect(JSON.parse(body)).toEqual({
      type: 'https://onetrip.dev/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      detail: 'An unexpected error occurred; it has been logged.',
      instance: '/api/v1/datasets/1',
    });
    for (const leak of ['SELECT', 'relation', 'pseudonym', 'at ', '.ts:', '.js:']) {
      expect(body).not.toContain(leak);
    }
  });

  it('keep a plain Error and a thrown string to the generic problem too', () => {
    const error = new Error(`boom in ${SQL}`);
    expect(sent(toProblem(error)).body).not.toContain('SELECT');
    expect(sent(toProblem(error)).body).not.toContain(error.stack?.split('\n')[1]?.trim() ?? '∅');
    expect((JSON.parse(sent(toProblem('raw text')).body) as { code: string }).code).toBe(
      'internal',
    );
  });

  it('send a coded problem as it is, with nothing added', () => {
    const problem = new ProblemException(404, 'dataset.not-found', 'Dataset x does not exist')
      .problem;
    expect(Object.keys(JSON.parse(sent(problem).body) as object).sort()).toEqual(
      ['code', 'detail', 'instance', 'status', 'title', 'type'].sort(),
    );
  });
});
