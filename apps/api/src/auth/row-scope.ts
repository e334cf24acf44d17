import type { RunFilter } from '@onetrip/contracts';
import type { MiningResult } from '@onetrip/mining';
import { suppressSmallCounts } from '@onetrip/mining';
import { ProblemException } from '../problem/problem';
import { roleAtLeast, type AuthUser } from './auth-user';

/**
 * Row-level scoping inside a dataset (docs/security.md#row-level-scoping, decision 0021): the
 * departments whose journeys the user may see in the dataset, or null for every journey.
 *
 * - admins see every journey;
 * - a user one of whose departments owns the dataset sees every journey of it (it is their
 *   department's log, whichever departments its events name);
 * - anyone else (only possible on a dataset of no department, which every user may open) sees
 *   the journeys that touch one of their departments: at least one event names it. A user of no
 *   department sees none.
 */
export function rowScope(user: AuthUser, dataset: { department: string | null }): string[] | null {
  if (user.role === 'admin') return null;
  if (dataset.department !== null && user.departments.includes(dataset.department)) return null;
  return [...new Set(user.departments)].sort();
}

const noDepartment = (): ProblemException =>
  new ProblemException(
    403,
    'scope.no-department',
    'This dataset is scoped by department and you belong to none; ask an admin to add you to one.',
  );

/**
 * The filter a scoped user's run mines: theirs with `department` forced to their scope. Naming a
 * department outside it answers 403 (a user can narrow the scope, never widen it).
 */
export function scopedRunFilter(filter: RunFilter | undefined, scope: string[] | null): RunFilter {
  const f = filter ?? {};
  if (scope === null) return f;
  if (scope.length === 0) throw noDepartment();
  const outside = (f.department ?? []).filter((d) => !scope.includes(d));
  if (outside.length > 0) {
    throw new ProblemException(
      403,
      'scope.department-outside',
      `You may mine only journeys of your departments (${scope.join(', ')}); not ${outside.join(', ')}.`,
    );
  }
  return { ...f, department: f.department ?? scope };
}

/** Whether a run with this (stored, canonical) filter stays within the scope. */
export function runWithinScope(filter: RunFilter, scope: string[] | null): boolean {
  if (scope === null) return true;
  const departments = filter.department ?? [];
  return departments.length > 0 && departments.every((d) => scope.includes(d));
}

/** Analysts and admins see small cells and journey samples; viewers and managers do not. */
export const seesSmallCounts = (user: AuthUser): boolean => roleAtLeast(user.role, 'analyst');

/** The result as the user may read it (small-count suppression below the analyst role). */
export function resultForReader(result: MiningResult, user: AuthUser, k: number): MiningResult {
  return seesSmallCounts(user) ? result : suppressSmallCounts(result, k);
}
