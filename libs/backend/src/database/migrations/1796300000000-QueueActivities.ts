import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QueueActivities1796300000000 implements MigrationInterface {
  name = 'QueueActivities1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" ADD "queue_activities" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" DROP COLUMN "queue_activities"`);
  }
}
