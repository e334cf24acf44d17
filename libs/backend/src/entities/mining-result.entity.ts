import type { MiningResult } from '@onetrip/mining';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { MiningRunEntity } from './mining-run.entity';

@Entity({ name: 'mining_result' })
export class MiningResultEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @OneToOne(() => MiningRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: MiningRunEntity;

  @Column({ type: 'jsonb' })
  result!: MiningResult;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
