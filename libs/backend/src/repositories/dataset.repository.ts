import { Injectable } from '@nestjs/common';
import type { ChannelRoles } from '@onetrip/contracts';
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
  }): Promise<DatasetEntity> {
    return this.repo.save(this.repo.create(input));
  }

  list(): Promise<DatasetEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Sets the channel roles; null when the dataset is gone. */
  async setChannelRoles(id: string, roles: ChannelRoles | null): Promise<DatasetEntity | null> {
    const result = await this.repo.update({ id }, { channelRoles: roles });
    return result.affected ? this.findById(id) : null;
  }
}
