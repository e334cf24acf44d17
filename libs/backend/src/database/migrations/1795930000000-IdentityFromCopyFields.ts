import { eventIdentity, type NormalizedEvent } from '@onetrip/ingest';
import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's identity is now the SHA-256 of its fields as the binary COPY into `event` writes
 * them (`writeIdentityFields` in @onetrip/ingest, docs/decisions/0004-binary-copy-ingest.md)
 * instead of the SHA-256 of a JSON array of them. The stored identities are recomputed from the
 * stored fields, so existing events keep deduplicating against new uploads; `down` recomputes
 * the former ones. No schema change. Rows are read through a cursor and updated 5,000 at a
 * time: memory stays flat whatever the table size; about 20 s per million events each way on
 * the 2-core development machine.
 */
export class IdentityFromCopyFields1795930000000 implements MigrationInterface {
  name = 'IdentityFromCopyFields1795930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await recomputeIdentities(queryRunner, (e) => eventIdentity(e));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await recomputeIdentities(queryRunner, legacyEventIdentity);
  }
}

/**
 * The identity before this migration (64 hex characters; the table keeps the first 32): SHA-256
 * of JSON.stringify([case, activity, timestamp, the optional fields in OPTIONAL_FIELDS order
 * (null when absent), then each attribute key and value in sorted key order]).
 */
export function legacyEventIdentity(e: NormalizedEvent): string {
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
  for (const k of Object.keys(e.attributes).sort()) parts.push(k, e.attributes[k] ?? null);
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

interface StoredEvent {
  dataset_id: string;
  identity: Buffer;
  case_id: string;
  activity: string;
  ts_ms: number;
  start_ms: number | null;
  lifecycle: string | null;
  resource: string | null;
  citizen_key: string | null;
  service: string | null;
  channel: string | null;
  location: string | null;
  department: string | null;
  source_system: string | null;
  attributes: Record<string, string>;
}

async function recomputeIdentities(
  queryRunner: QueryRunner,
  identity: (e: NormalizedEvent) => string,
): Promise<void> {
  // Instants as the epoch milliseconds ingest hashed (events are stored from whole milliseconds).
  await queryRunner.query(
    `DECLARE onetrip_event_identity NO SCROLL CURSOR FOR
       SELECT dataset_id, identity, case_id, activity,
         (extract(epoch FROM ts) * 1000)::float8 AS ts_ms,
         (extract(epoch FROM start_ts) * 1000)::float8 AS start_ms,
         lifecycle, resource, citizen_key, service, channel, location, department, source_system,
         attributes
       FROM event`,
  );
  for (;;) {
    const rows = (await queryRunner.query(
      'FETCH 5000 FROM onetrip_event_identity',
    )) as StoredEvent[];
    if (rows.length === 0) break;
    const datasets: string[] = [];
    const before: Buffer[] = [];
    const after: Buffer[] = [];
    for (const r of rows) {
      const e: NormalizedEvent = {
        caseId: r.case_id,
        activity: r.activity,
        timestamp: r.ts_ms,
        startTimestamp: r.start_ms,
        lifecycle: r.lifecycle,
        resource: r.resource,
        citizen: r.citizen_key,
        service: r.service,
        channel: r.channel,
        location: r.location,
        department: r.department,
        sourceSystem: r.source_system,
        attributes: r.attributes,
      };
      datasets.push(r.dataset_id);
      before.push(r.identity);
      after.push(Buffer.from(identity(e).slice(0, 32), 'hex'));
    }
    // The cursor does not see these updates (they come after it in the transaction).
    await queryRunner.query(
      `UPDATE event e SET identity = n.after
       FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS n(dataset_id, before, after)
       WHERE e.dataset_id = n.dataset_id AND e.identity = n.before`,
      [datasets, before, after],
    );
  }
  await queryRunner.query('CLOSE onetrip_event_identity');
}
