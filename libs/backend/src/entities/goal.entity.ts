import type { GoalBaseline, GoalTarget } from '@onetrip/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DatasetEntity } from './dataset.entity';

/**
 * A manager's reform goal on a dataset: a KPI of a scope, from a baseline to a target by a
 * deadline. Its value is not stored: it is read from the stored results of each dataset version
 * (apps/api/src/goals, decision 0025), so its history is every version's newest run.
 */
@Entity({ name: 'goal' })
@Index('idx_goal_dataset', ['datasetId'])
export class GoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** GoalKpi of @onetrip/mining. */
  @Column({ type: 'text' })
  kpi!: string;

  /** 'all' | 'service' | 'department' | 'hall'. */
  @Column({ name: 'scope_kind', type: 'text' })
  scopeKind!: string;

  @Column({ name: 'scope_value', type: 'text', nullable: true })
  scopeValue!: string | null;

  @Column({ type: 'text' })
  direction!: 'decrease' | 'increase';

  @Column({ type: 'jsonb' })
  baseline!: GoalBaseline;

  @Column({ type: 'jsonb' })
  target!: GoalTarget;

  /** 'YYYY-MM-DD' (a calendar date; the goal is due at its end). */
  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'text' })
  owner!: string;

  /** User name of the creator (kept when the user is removed). */
  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
