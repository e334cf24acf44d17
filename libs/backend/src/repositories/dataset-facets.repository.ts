import { Injectable } from '@nestjs/common';
import type { FacetsDto } from '@onetrip/contracts';
import { DataSource } from 'typeorm';

/** Facets stored with the dataset version they were computed at (one row per dataset). */
@Injectable()
export class DatasetFacetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored facets of the dataset at exactly this version, or null. */
  async find(datasetId: string, version: number): Promise<FacetsDto | null> {
    const rows = await this.dataSource.query<{ facets: FacetsDto }[]>(
      `SELECT facets FROM dataset_facets WHERE dataset_id = $1 AND dataset_version = $2`,
      [datasetId, version],
    );
    return rows[0]?.facets ?? null;
  }

  /**
   * Stores facets computed at `facets.datasetVersion`. An older version never replaces a newer
   * one (two processes may finish in either order); a dataset deleted meanwhile stores nothing.
   */
  async save(facets: FacetsDto): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dataset_facets (dataset_id, dataset_version, facets)
       SELECT id, $2, $3::jsonb FROM dataset WHERE id = $1
       ON CONFLICT (dataset_id) DO UPDATE
         SET dataset_version = EXCLUDED.dataset_version, facets = EXCLUDED.facets,
             computed_at = now()
         WHERE dataset_facets.dataset_version < EXCLUDED.dataset_version`,
      [facets.datasetId, facets.datasetVersion, JSON.stringify(facets)],
    );
  }
}
