import { Injectable } from '@nestjs/common';
import type { ChannelRoles, QueueActivities } from '@onetrip/contracts';
import { DataSource, Repository } from 'typeorm';
import { DatasetEntity } from '../entities/dataset.entity';

@Injectable()
export class DatasetRepository {
  private readonly repo: Repository<DatasetEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(DatasetEntity);
  }

  create(input: {
    name: string;
    description: string | null;
    timezone: string;
    department: string | null;
  }): Promise<DatasetEntity> {
    return this.repo.save(this.repo.create(input));
  }

  /** Newest first; with `departments`, only datasets of those departments or of none. */
  list(departments?: readonly string[]): Promise<DatasetEntity[]> {
    const qb = this.repo.createQueryBuilder('d').orderBy('d.created_at', 'DESC');
    if (departments) {
      qb.where('(d.department IS NULL OR d.department = ANY(:departments))', {
        departments: [...departments],
      });
    }
    return qb.getMany();
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Sets what may change after the upload (fields left out stay); null when the dataset is gone. */
  async updateSettings(
    id: string,
    settings: {
      channelRoles?: ChannelRoles | null;
      queueActivities?: QueueActivities | null;
      department?: string | null;
    },
  ): Promise<DatasetEntity | null> {
    const result = await this.repo.update({ id }, settings);
    return result.affected ? this.findById(id) : null;
  }
}
