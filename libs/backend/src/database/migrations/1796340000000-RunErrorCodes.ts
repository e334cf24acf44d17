import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failed run keeps why as a code with parameters (MiningErrorCode of @onetrip/mining), so the
 * web app can say it in the user's language and suggest the fix. Runs failed earlier have none.
 */
export class RunErrorCodes1796340000000 implements MigrationInterface {
  name = 'RunErrorCodes1796340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mining_run" ADD "error_code" text, ADD "error_params" jsonb`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mining_run" DROP COLUMN "error_params", DROP COLUMN "error_code"`,
    );
  }
}
