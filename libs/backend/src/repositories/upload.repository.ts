import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { DataSource, Repository } from 'typeorm';
import { AppConfig, CONFIG } from '../config/config';
import { RejectedRowEntity } from '../entities/rejected-row.entity';
import { UploadEntity } from '../entities/upload.entity';

@Injectable()
export class UploadRepository {
  private readonly uploads: Repository<UploadEntity>;
  private readonly rejected: Repository<RejectedRowEntity>;

  constructor(
    dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
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

  /**
   * Every rejected row of an upload as CSV (`line,column,reason`, with a header), streamed from
   * PostgreSQL with COPY. The connection closes when the stream ends or is destroyed.
   */
  async rejectedCsv(uploadId: string): Promise<Readable> {
    if (!/^[0-9a-f-]{36}$/i.test(uploadId)) throw new Error(`not a uuid: ${uploadId}`);
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'onetrip-copy',
    });
    await client.connect();
    const stream = client.query(
      copyTo(
        `COPY (SELECT line, "column", reason FROM rejected_row WHERE upload_id = '${uploadId}'
         ORDER BY line, id) TO STDOUT WITH (FORMAT csv, HEADER)`,
      ),
    );
    stream.once('close', () => void client.end().catch(() => undefined));
    return stream;
  }
}
