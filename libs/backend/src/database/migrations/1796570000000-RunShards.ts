import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sharded runs (docs/decisions/0026-sharded-runs-counter-merge.md): a run records how many shards
 * it was split into, how many are done (the counter whose last increment triggers the merge) and
 * how many events were read; each shard is a run_shard row holding its partial result until the
 * merge (gzip-compressed partialToJson JSON: half the size of jsonb and faster to write and read,
 * docs/performance.md#shard-partials). Status 'cancelled' needs no schema change (status is text).
 */
export class RunShards1796570000000 implements MigrationInterface {
  name = 'RunShards1796570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mining_run" ADD "shards" integer, ADD "shards_done" integer NOT NULL DEFAULT 0, ADD "rows_read" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `CREATE TABLE "run_shard" ("run_id" uuid NOT NULL, "shard_no" integer NOT NULL, "status" text NOT NULL DEFAULT 'queued', "rows_read" bigint NOT NULL DEFAULT 0, "attempts" integer NOT NULL DEFAULT 0, "worker" text, "error" text, "partial" bytea, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_run_shard" PRIMARY KEY ("run_id", "shard_no"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "run_shard" ADD CONSTRAINT "FK_run_shard_run" FOREIGN KEY ("run_id") REFERENCES "mining_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "run_shard" DROP CONSTRAINT "FK_run_shard_run"`);
    await queryRunner.query(`DROP TABLE "run_shard"`);
    await queryRunner.query(
      `ALTER TABLE "mining_run" DROP COLUMN "rows_read", DROP COLUMN "shards_done", DROP COLUMN "shards"`,
    );
  }
}
