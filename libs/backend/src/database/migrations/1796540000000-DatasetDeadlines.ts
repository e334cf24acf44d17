import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetDeadlines1796540000000 implements MigrationInterface {
  name = 'DatasetDeadlines1796540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" ADD "deadlines" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" DROP COLUMN "deadlines"`);
  }
}
