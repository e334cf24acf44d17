import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from '@onetrip/contracts';

export const AUDIT_KEY = 'onetrip:audit';

export interface AuditSpec {
  /** Recorded when the route answers successfully. */
  action: AuditAction;
  /** Recorded when it fails with one of these problem codes (login: 'login-failed'). */
  onFailure?: { action: AuditAction; codes: readonly string[] };
}

/**
 * The route is written to the audit log by AuditInterceptor (the one place that writes it): who,
 * the action, the target read from the route (`:id` of datasets, runs, uploads; `:key` journeys;
 * `:keyId` ingestion keys) or from the answer, client address and user agent. "viewed" lines are
 * kept to one per user, dataset, journey and clock hour (docs/security.md#audit-log).
 */
export const Audited = (action: AuditAction, onFailure?: AuditSpec['onFailure']): MethodDecorator =>
  SetMetadata(AUDIT_KEY, { action, onFailure } satisfies AuditSpec);
