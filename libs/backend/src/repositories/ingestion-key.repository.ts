import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { IngestionKeyEntity } from '../entities/ingestion-key.entity';

const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Ingestion keys: created with 256 random bits, stored only as their SHA-256. */
@Injectable()
export class IngestionKeyRepository {
  private readonly keys: Repository<IngestionKeyEntity>;

  constructor(dataSource: DataSource) {
    this.keys = dataSource.getRepository(IngestionKeyEntity);
  }

  /** A new key for a dataset: the entity and the key itself, which is not stored anywhere. */
  async create(
    datasetId: string,
    name: string | null,
  ): Promise<{ entity: IngestionKeyEntity; key: string }> {
    const secret = randomBytes(32).toString('base64url');
    const key = `otk_${secret}`;
    const entity = await this.keys.save(
      this.keys.create({ datasetId, name, prefix: key.slice(0, 12), keyHash: hashKey(key) }),
    );
    return { entity, key };
  }

  /** The live (not revoked) key with this secret, else null; records its use. */
  async findLive(key: string): Promise<IngestionKeyEntity | null> {
    const found = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (found) await this.keys.update({ id: found.id }, { lastUsedAt: new Date() });
    return found;
  }

  listByDataset(datasetId: string): Promise<IngestionKeyEntity[]> {
    return this.keys.find({ where: { datasetId }, order: { createdAt: 'ASC' } });
  }

  /** Revokes a key of a dataset; false when there is no such key. */
  async revoke(datasetId: string, id: string): Promise<boolean> {
    const r = await this.keys.update(
      { id, datasetId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return (r.affected ?? 0) > 0;
  }
}
