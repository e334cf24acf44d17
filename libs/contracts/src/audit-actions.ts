// Without zod, so the web app may import the list as a value (see event-fields.ts).

/**
 * What an audit line records, a closed list (docs/security.md#audit-log):
 * - viewed: a dataset's results, runs, facets, uploads or a journey timeline were read (at most
 *   one line per user, dataset, target and clock hour);
 * - exported: rejected rows (CSV) or any other download left the server;
 * - uploaded: a file upload or an NDJSON push stored events;
 * - mined: a run was asked for;
 * - created / changed / deleted: a dataset or an ingestion key was made, changed or removed;
 * - login, logout, login-failed, password-changed: sessions;
 * - user-management: an admin changed a user (users, roles, departments).
 */
export const AUDIT_ACTIONS = [
  'viewed',
  'exported',
  'uploaded',
  'mined',
  'created',
  'changed',
  'deleted',
  'login',
  'logout',
  'login-failed',
  'password-changed',
  'user-management',
] as const;
