import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (docs/security.md#audit-log, decision 0019). The table is append-only in the
 * database itself: a trigger refuses UPDATE and DELETE of any row and TRUNCATE of the table, for
 * every role the api connects as. Nothing references it and it references nothing, so deleting a
 * dataset, run, upload or user leaves its lines. Retention (removing old lines) is a deliberate
 * act of the database owner: `ALTER TABLE audit_event DISABLE TRIGGER USER`, delete, enable.
 */

export class AuditLog1796500000000 implements MigrationInterface {
  name = 'AuditLog1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" text NOT NULL, "user_id" uuid, "username" text, "role" text, "dataset_id" uuid, "target_kind" text, "target_id" text, "ip" text, "user_agent" text, "details" jsonb NOT NULL DEFAULT '{}', "view_key" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_event_view_key" ON "audit_event" ("view_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_event_user" ON "audit_event" ("user_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_event_dataset" ON "audit_event" ("dataset_id", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_event_at" ON "audit_event" ("at") `);
    await queryRunner.query(
      `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_event"
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_no_truncate" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_no_update_or_delete" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_dataset"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_event_view_key"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
