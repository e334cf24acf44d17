import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Managers' reform goals (decision 0025): their values are read from stored results, not kept. */
export class Goals1796560000000 implements MigrationInterface {
  name = 'Goals1796560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset_id" uuid NOT NULL, "title" text, "kpi" text NOT NULL, "scope_kind" text NOT NULL, "scope_value" text, "direction" text NOT NULL, "baseline" jsonb NOT NULL, "target" jsonb NOT NULL, "deadline" date NOT NULL, "owner" text NOT NULL, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88c8e2b461b711336c836b1e130" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_goal_dataset" ON "goal" ("dataset_id") `);
    await queryRunner.query(
      `ALTER TABLE "goal" ADD CONSTRAINT "FK_e9b595a69ec74ac39949eb14517" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "goal" DROP CONSTRAINT "FK_e9b595a69ec74ac39949eb14517"`);
    await queryRunner.query(`DROP INDEX "public"."idx_goal_dataset"`);
    await queryRunner.query(`DROP TABLE "goal"`);
  }
}
