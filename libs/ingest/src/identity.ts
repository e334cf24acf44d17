import { createHash, createHmac } from 'node:crypto';
import type { NormalizedEvent } from './types';
import { OPTIONAL_FIELDS } from './types';

/**
 * Keyed hash of a citizen identifier: HMAC-SHA256, lower-case hex. The identifier is used
 * exactly as given (no trimming or case folding), so normalise before calling if your sources
 * disagree on format.
 */
export function pseudonymize(citizenId: string, key: string): string {
  if (key.length === 0) throw new RangeError('pseudonymize: the key must not be empty');
  return createHmac('sha256', key).update(citizenId, 'utf8').digest('hex');
}

/**
 * Stable identity of an event for de-duplication: SHA-256 (hex) of its normalized fields and
 * attributes. Two rows that mean the same event hash alike even when their timestamps were
 * written differently (the instant is hashed) or their columns were in another order.
 */
export function eventIdentity(e: NormalizedEvent): string {
  const parts: (string | number | null)[] = [e.caseId, e.activity, e.timestamp];
  for (const f of OPTIONAL_FIELDS) parts.push(e[f] ?? null);
  const keys = Object.keys(e.attributes).sort();
  for (const k of keys) parts.push(k, e.attributes[k]);
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}
