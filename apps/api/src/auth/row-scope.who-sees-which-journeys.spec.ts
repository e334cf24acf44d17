/**
 * The row-scoping rule (docs/security.md#row-level-scoping): who is limited to which departments'
 * journeys, how their run filter is forced, and which stored runs they may read.
 */
import { ProblemException } from '../problem/problem';
import type { AuthUser } from './auth-user';
import { rowScope, runWithinScope, scopedRunFilter, seesSmallCounts } from './row-scope';

const user = (role: AuthUser['role'], departments: string[]): AuthUser => ({
  id: 'u',
  username: 'u',
  role,
  departments,
  sessionId: 's',
  csrfToken: 'c',
  via: 'bearer',
});

/** The status and code of the problem `fn` throws. */
function refusal(fn: () => unknown): { status: number; code: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.problem.status, code: error.problem.code };
  }
}

describe('rowScope', () => {
  it('leaves admins unscoped on any dataset', () => {
    expect(rowScope(user('admin', []), { department: null })).toBeNull();
    expect(rowScope(user('admin', []), { department: 'tax' })).toBeNull();
  });

  it("leaves a user unscoped on their own department's dataset", () => {
    expect(rowScope(user('viewer', ['police', 'tax']), { department: 'tax' })).toBeNull();
  });

  it('scopes everyone else on a dataset of no department to their departments, sorted once', () => {
    expect(rowScope(user('analyst', ['tax', 'police', 'tax']), { department: null })).toEqual([
      'police',
      'tax',
    ]);
    expect(rowScope(user('viewer', []), { department: null })).toEqual([]);
  });
});

describe('scopedRunFilter', () => {
  it('forces the scope into a filter without departments, keeping the rest', () => {
    expect(scopedRunFilter({ service: ['Visa'] }, ['tax'])).toEqual({
      service: ['Visa'],
      department: ['tax'],
    });
    expect(scopedRunFilter(undefined, ['police', 'tax'])).toEqual({
      department: ['police', 'tax'],
    });
  });

  it('lets a user narrow to one of their departments', () => {
    expect(scopedRunFilter({ department: ['tax'] }, ['police', 'tax'])).toEqual({
      department: ['tax'],
    });
  });

  it('refuses to widen: a department outside the scope is 403 scope.department-outside', () => {
    expect(refusal(() => scopedRunFilter({ department: ['tax', 'health'] }, ['tax']))).toEqual({
      status: 403,
      code: 'scope.department-outside',
    });
  });

  it('refuses a scoped user without departments (403 scope.no-department)', () => {
    expect(refusal(() => scopedRunFilter({}, []))).toEqual({
      status: 403,
      code: 'scope.no-department',
    });
  });

  it('passes any filter through for an unscoped user', () => {
    expect(scopedRunFilter({ department: ['health'] }, null)).toEqual({ department: ['health'] });
  });
});

describe('runWithinScope', () => {
  it('admits runs whose departments are all in the scope, and nothing unfiltered', () => {
    expect(runWithinScope({ department: ['tax'] }, ['police', 'tax'])).toBe(true);
    expect(runWithinScope({ department: ['health', 'tax'] }, ['tax'])).toBe(false);
    expect(runWithinScope({}, ['tax'])).toBe(false);
    expect(runWithinScope({}, null)).toBe(true);
  });
});

describe('seesSmallCounts', () => {
  it('is true for analysts and admins, false for viewers and managers', () => {
    expect(
      ['viewer', 'manager', 'analyst', 'admin'].map((r) =>
        seesSmallCounts(user(r as AuthUser['role'], [])),
      ),
    ).toEqual([false, false, true, true]);
  });
});
