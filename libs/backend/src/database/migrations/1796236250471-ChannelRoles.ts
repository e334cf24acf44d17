import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelRoles1796236250471 implements MigrationInterface {
  name = 'ChannelRoles1796236250471';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" ADD "channel_roles" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset" DROP COLUMN "channel_roles"`);
  }
}
