import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { RejectedRowEntity } from '../entities/rejected-row.entity';
import { UploadEntity } from '../entities/upload.entity';

@Injectable()
export class UploadRepository {
  private readonly uploads: Repository<UploadEntity>;
  private readonly rejected: Repository<RejectedRowEntity>;

  constructor(dataSource: DataSource) {
    this.uploads = dataSource.getRepository(UploadEntity);
    this.rejected = dataSource.getRepository(RejectedRowEntity);
  }

  create(input: { datasetId: string; fileName: string }): Promise<UploadEntity> {
    return this.uploads.save(this.uploads.create({ ...input, status: 'receiving' }));
  }

  findById(id: string): Promise<UploadEntity | null> {
    return this.uploads.findOneBy({ id });
  }

  /** The first rejected rows of an upload, in file order. */
  firstRejected(uploadId: string, limit: number): Promise<RejectedRowEntity[]> {
    return this.rejected.find({ where: { uploadId }, order: { line: 'ASC' }, take: limit });
  }

  /** Marks an upload failed before anything was staged (bad request, parse error, size limit). */
  async markFailed(
    id: string,
    input: { bytes: number; code: string; message: string },
  ): Promise<void> {
    await this.uploads.update(
      { id },
      {
        status: 'failed',
        bytes: input.bytes,
        errorCode: input.code,
        error: input.message,
        finishedAt: new Date(),
      },
    );
  }
}
