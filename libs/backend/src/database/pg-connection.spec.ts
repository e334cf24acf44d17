import { QueryFailedError } from 'typeorm';
import { isConnectionError } from './pg-connection';

const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['not queryable', new Error('Client has encountered a connection error and is not queryable')],
    [
      'wrapped by TypeORM',
      new QueryFailedError('SELECT 1', [], withCode('read ECONNRESET', 'ECONNRESET')),
    ],
    ['as a cause', new Error('reading job', { cause: withCode('refused', 'ECONNREFUSED') })],
    [
      'inside an AggregateError',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ],
  ])('recognises a connection %s', (_name, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a plain error', new Error('dataset disappeared')],
    ['a string', 'ECONNRESET'],
  ])('leaves %s alone', (_name, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
