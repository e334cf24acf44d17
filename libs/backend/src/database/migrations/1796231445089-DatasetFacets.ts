import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facets stored per dataset version (docs/decisions/0005-single-flight-facets.md): one row per
 * dataset, replaced when a newer version is computed, deleted with the dataset.
 */
export class DatasetFacets1796231445089 implements MigrationInterface {
  name = 'DatasetFacets1796231445089';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset_facets" ("dataset_id" uuid NOT NULL, "dataset_version" integer NOT NULL, "facets" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3f9691e596a5e616e7957305c82" PRIMARY KEY ("dataset_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dataset_facets" ADD CONSTRAINT "FK_3f9691e596a5e616e7957305c82" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dataset_facets" DROP CONSTRAINT "FK_3f9691e596a5e616e7957305c82"`,
    );
    await queryRunner.query(`DROP TABLE "dataset_facets"`);
  }
}
