import type { NormalizedEvent } from '@onetrip/ingest';
import { hash } from 'node:crypto';

/**
 * `eventIdentity` of @onetrip/ingest, cut to the 32 hex characters the event table stores, and
 * computed with the one-shot `crypto.hash` (about twice as fast as createHash → update → digest;
 * identity hashing was the largest single cost of an upload). The serialization is the same, so
 * the value is too: identity.same-as-ingest.spec.ts checks it against eventIdentity.
 */
export function storedIdentity(e: NormalizedEvent): string {
  // OPTIONAL_FIELDS spelled out (startTimestamp … sourceSystem): an array literal of known size
  // is cheaper than a loop of keyed reads and pushes. The spec checks the order against ingest.
  const parts: (string | number | null)[] = [
    e.caseId,
    e.activity,
    e.timestamp,
    e.startTimestamp ?? null,
    e.lifecycle ?? null,
    e.resource ?? null,
    e.citizen ?? null,
    e.service ?? null,
    e.channel ?? null,
    e.location ?? null,
    e.department ?? null,
    e.sourceSystem ?? null,
  ];
  const attributes = e.attributes;
  const keys = Object.keys(attributes);
  if (keys.length > 1) keys.sort();
  for (const k of keys) parts.push(k, attributes[k] ?? null);
  return hash('sha256', JSON.stringify(parts), 'hex').slice(0, 32);
}
