import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795912063316 implements MigrationInterface {
  name = 'Init1795912063316';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "description" text, "timezone" text NOT NULL DEFAULT 'Asia/Shanghai', "version" integer NOT NULL DEFAULT '0', "event_count" bigint NOT NULL DEFAULT '0', "mapping" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36c1c67adb3d1dd69ae57f18913" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "upload" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset_id" uuid NOT NULL, "file_name" text NOT NULL, "status" text NOT NULL DEFAULT 'receiving', "bytes" bigint NOT NULL DEFAULT '0', "rows_read" integer NOT NULL DEFAULT '0', "rows_accepted" integer NOT NULL DEFAULT '0', "rows_rejected" integer NOT NULL DEFAULT '0', "rows_duplicate" integer NOT NULL DEFAULT '0', "error_code" text, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1fe8db121b3de4ddfa677fc51f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_upload_dataset" ON "upload" ("dataset_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "dataset_id" uuid NOT NULL, "upload_id" uuid, "identity" text NOT NULL, "case_id" text NOT NULL, "activity" text NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "start_ts" TIMESTAMP WITH TIME ZONE, "lifecycle" text, "resource" text, "citizen_key" text, "service" text, "channel" text, "location" text, "department" text, "source_system" text, "attributes" jsonb NOT NULL DEFAULT '{}', "line" integer, CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_event_dataset_case_ts" ON "event" ("dataset_id", "case_id", "ts") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_dataset_identity" ON "event" ("dataset_id", "identity") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mining_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset_id" uuid NOT NULL, "dataset_version" integer NOT NULL, "params" jsonb NOT NULL, "params_hash" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" double precision NOT NULL DEFAULT '0', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8c34ac1d2a20c7ac790d9b7cd9c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_mining_run_status" ON "mining_run" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "idx_mining_run_dataset_created" ON "mining_run" ("dataset_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_mining_run_cache" ON "mining_run" ("dataset_id", "params_hash", "dataset_version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mining_result" ("run_id" uuid NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_39143d7fef4d878e228c7ec3585" PRIMARY KEY ("run_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rejected_row" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "upload_id" uuid NOT NULL, "line" integer NOT NULL, "column" text, "reason" text NOT NULL, CONSTRAINT "PK_24bcd2fa138e472d6fbc602be6f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_rejected_row_upload_line" ON "rejected_row" ("upload_id", "line") `,
    );
    await queryRunner.query(
      `ALTER TABLE "upload" ADD CONSTRAINT "FK_77f15c6f319e9aa6237d960273b" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_85c3a93d4273eca08096397bc16" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_58faf45460610b60d783af9cc23" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mining_run" ADD CONSTRAINT "FK_7faf9867e2355554bd738a5431d" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mining_result" ADD CONSTRAINT "FK_39143d7fef4d878e228c7ec3585" FOREIGN KEY ("run_id") REFERENCES "mining_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rejected_row" ADD CONSTRAINT "FK_e52ab3ec98c4770aca23e2cd07e" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "rejected_row" DROP CONSTRAINT "FK_e52ab3ec98c4770aca23e2cd07e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mining_result" DROP CONSTRAINT "FK_39143d7fef4d878e228c7ec3585"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mining_run" DROP CONSTRAINT "FK_7faf9867e2355554bd738a5431d"`,
    );
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_58faf45460610b60d783af9cc23"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_85c3a93d4273eca08096397bc16"`);
    await queryRunner.query(
      `ALTER TABLE "upload" DROP CONSTRAINT "FK_77f15c6f319e9aa6237d960273b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_rejected_row_upload_line"`);
    await queryRunner.query(`DROP TABLE "rejected_row"`);
    await queryRunner.query(`DROP TABLE "mining_result"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mining_run_cache"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mining_run_dataset_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mining_run_status"`);
    await queryRunner.query(`DROP TABLE "mining_run"`);
    await queryRunner.query(`DROP INDEX "public"."uq_event_dataset_identity"`);
    await queryRunner.query(`DROP INDEX "public"."idx_event_dataset_case_ts"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP INDEX "public"."idx_upload_dataset"`);
    await queryRunner.query(`DROP TABLE "upload"`);
    await queryRunner.query(`DROP TABLE "dataset"`);
  }
}
