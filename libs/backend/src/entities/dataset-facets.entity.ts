import type { FacetsDto } from '@onetrip/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { DatasetEntity } from './dataset.entity';

/**
 * The facets of a dataset at one version, stored on first compute so that restarts and other
 * api processes do not scan the events again (docs/decisions/0005-single-flight-facets.md).
 * One row per dataset: a newer version replaces it.
 */
@Entity({ name: 'dataset_facets' })
export class DatasetFacetsEntity {
  @PrimaryColumn({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @OneToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  /** The dataset version the facets were computed at. */
  @Column({ name: 'dataset_version', type: 'integer' })
  datasetVersion!: number;

  @Column({ type: 'jsonb' })
  facets!: FacetsDto;

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
