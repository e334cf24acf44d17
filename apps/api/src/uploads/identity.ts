import { OPTIONAL_FIELDS, type NormalizedEvent } from '@onetrip/ingest';
import { hash } from 'node:crypto';

/**
 * `eventIdentity` of @onetrip/ingest, cut to the 32 hex characters the event table stores, and
 * computed with the one-shot `crypto.hash` (about twice as fast as createHash → update → digest;
 * identity hashing was the largest single cost of an upload). The serialization is the same, so
 * the value is too: identity.same-as-ingest.spec.ts checks it against eventIdentity.
 */
export function storedIdentity(e: NormalizedEvent): string {
  const parts: (string | number | null)[] = [e.caseId, e.activity, e.timestamp];
  for (const f of OPTIONAL_FIELDS) parts.push(e[f] ?? null);
  const attributes = e.attributes;
  const keys = Object.keys(attributes);
  if (keys.length > 1) keys.sort();
  for (const k of keys) parts.push(k, attributes[k] ?? null);
  return hash('sha256', JSON.stringify(parts), 'hex').slice(0, 32);
}
