import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event table for fast ingest (docs/decisions/0003-event-table-for-fast-ingest.md): the identity
 * becomes 16 bytes (the first half of the SHA-256 that was stored as 64 hex characters, so
 * existing events keep deduplicating against new uploads) and, with the dataset, the primary key;
 * the surrogate id, the (dataset, case, ts) index and both foreign keys go (a trigger deletes a
 * dataset's events with it). Also: the upload
 * error policy, ingestion keys, and at most one unfinished run per dataset version and params.
 * Edited by hand after `migration:generate` so that existing events are converted, not dropped.
 */
export class FastIngestKeysActiveRuns1795913860710 implements MigrationInterface {
  name = 'FastIngestKeysActiveRuns1795913860710';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_58faf45460610b60d783af9cc23"`);
    // The dataset foreign key's per-row check cost more than the insert; a row trigger on the
    // (rarely deleted) dataset keeps the cascade.
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_85c3a93d4273eca08096397bc16"`);
    await queryRunner.query(
      `CREATE FUNCTION onetrip_delete_dataset_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN DELETE FROM "event" WHERE dataset_id = OLD.id; RETURN OLD; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_dataset_delete_events" AFTER DELETE ON "dataset" FOR EACH ROW EXECUTE FUNCTION onetrip_delete_dataset_events()`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_event_dataset_case_ts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_event_dataset_identity"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614"`);
    await queryRunner.query(`ALTER TABLE "event" DROP COLUMN "id"`);
    await queryRunner.query(
      `ALTER TABLE "event" ALTER COLUMN "identity" TYPE bytea USING decode(left("identity", 32), 'hex')`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "PK_be4f121c04f66beb609fff764a1" PRIMARY KEY ("dataset_id", "identity")`,
    );
    await queryRunner.query(`ALTER TABLE "upload" ADD "on_error" text NOT NULL DEFAULT 'skip'`);
    await queryRunner.query(
      `ALTER TABLE "upload" ADD "max_rejected_ratio" double precision NOT NULL DEFAULT '0.05'`,
    );
    await queryRunner.query(
      `CREATE TABLE "ingestion_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset_id" uuid NOT NULL, "name" text, "prefix" text NOT NULL, "key_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2fbfeb4cde4630ba2b9498df6e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_ingestion_key_dataset" ON "ingestion_key" ("dataset_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ingestion_key_hash" ON "ingestion_key" ("key_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "ingestion_key" ADD CONSTRAINT "FK_672cc70f0a75d97b53d2a1fdf0f" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Existing duplicates of an unfinished run (from the race this index prevents) are failed first.
    await queryRunner.query(
      `UPDATE "mining_run" r SET status = 'failed', error = 'duplicate of an identical unfinished run', finished_at = now()
       WHERE status IN ('queued', 'running') AND EXISTS (
         SELECT 1 FROM "mining_run" o WHERE o.status IN ('queued', 'running') AND o.dataset_id = r.dataset_id
           AND o.params_hash = r.params_hash AND o.dataset_version = r.dataset_version
           AND (o.created_at, o.id) < (r.created_at, r.id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mining_run_active" ON "mining_run" ("dataset_id", "params_hash", "dataset_version") WHERE status IN ('queued', 'running')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_mining_run_active"`);
    await queryRunner.query(`DROP TABLE "ingestion_key"`);
    await queryRunner.query(`ALTER TABLE "upload" DROP COLUMN "max_rejected_ratio"`);
    await queryRunner.query(`ALTER TABLE "upload" DROP COLUMN "on_error"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "PK_be4f121c04f66beb609fff764a1"`);
    // The second half of the old 64-character identities is gone: down keeps the first 32.
    await queryRunner.query(
      `ALTER TABLE "event" ALTER COLUMN "identity" TYPE text USING encode("identity", 'hex')`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_dataset_identity" ON "event" ("dataset_id", "identity") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_event_dataset_case_ts" ON "event" ("dataset_id", "case_id", "ts") `,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_58faf45460610b60d783af9cc23" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP TRIGGER "trg_dataset_delete_events" ON "dataset"`);
    await queryRunner.query(`DROP FUNCTION onetrip_delete_dataset_events()`);
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_85c3a93d4273eca08096397bc16" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
