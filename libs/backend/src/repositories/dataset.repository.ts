import { Injectable } from '@nestjs/common';
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
}
