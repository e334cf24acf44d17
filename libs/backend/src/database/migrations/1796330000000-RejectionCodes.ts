import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rejected rows keep their reason's code and parameters (translated when shown) and the row as
 * it was in the file. Rows stored earlier have none of the three: they show their English reason.
 */
export class RejectionCodes1796330000000 implements MigrationInterface {
  name = 'RejectionCodes1796330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "rejected_row" ADD "code" text, ADD "params" jsonb, ADD "raw" text`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "rejected_row" DROP COLUMN "raw", DROP COLUMN "params", DROP COLUMN "code"`,
    );
  }
}
