import { Injectable, Logger } from '@nestjs/common';
import { DatasetEntity, DatasetRepository, JobProducer } from '@onetrip/backend';
import { IngestError, readLimitTable } from '@onetrip/ingest';
import {
  CreateDatasetRequestSchema,
  LimitTableUploadSchema,
  UpdateDatasetRequestSchema,
  type CreateDatasetRequest,
  type UpdateDatasetRequest,
  type DatasetDto,
} from '@onetrip/contracts';
import type { AuthUser } from '../auth/auth-user';
import { isUuid, notFound, ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';

export function toDatasetDto(d: DatasetEntity): DatasetDto {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    timezone: d.timezone,
    department: d.department,
    version: d.version,
    eventCount: d.eventCount,
    mapping: d.mapping,
    channelRoles: d.channelRoles,
    queueActivities: d.queueActivities,
    deadlines: d.deadlines,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

@Injectable()
export class DatasetsService {
  private readonly logger = new Logger(DatasetsService.name);

  constructor(
    private readonly datasets: DatasetRepository,
    private readonly jobs: JobProducer,
  ) {}

  async create(body: unknown, user: AuthUser): Promise<DatasetDto> {
    const input: CreateDatasetRequest = validate(CreateDatasetRequestSchema, body);
    const department =
      input.department === undefined ? (user.departments[0] ?? null) : input.department;
    if (user.role !== 'admin' && !(department !== null && user.departments.includes(department))) {
      throw new ProblemException(
        403,
        'auth.forbidden',
        `You may create datasets only in your departments (${user.departments.join(', ') || 'none'}).`,
      );
    }
    const dataset = await this.datasets.create({
      name: input.name,
      description: input.description ?? null,
      timezone: input.timezone ?? 'Asia/Shanghai',
      department,
    });
    return toDatasetDto(dataset);
  }

  /** The datasets the user may see (DatasetScope guards the single-dataset routes). */
  async list(user: AuthUser): Promise<DatasetDto[]> {
    const departments = user.role === 'admin' ? undefined : user.departments;
    return (await this.datasets.list(departments)).map(toDatasetDto);
  }

  /** The dataset entity, or a 404 problem. */
  async require(id: string): Promise<DatasetEntity> {
    const dataset = isUuid(id) ? await this.datasets.findById(id) : null;
    if (!dataset) throw notFound('dataset', id);
    return dataset;
  }

  async get(id: string): Promise<DatasetDto> {
    return toDatasetDto(await this.require(id));
  }

  /**
   * Changes what may change later (the channel roles, the queue activities); the next runs mine
   * with them (their params differ, so a change never answers from a cached run).
   */
  async update(id: string, body: unknown, user: AuthUser): Promise<DatasetDto> {
    const dataset = await this.require(id);
    const input = validate(UpdateDatasetRequestSchema, body);
    if (input.department !== undefined && user.role !== 'admin') {
      throw new ProblemException(
        403,
        'auth.forbidden',
        'Only an admin moves a dataset to another department.',
      );
    }
    const settings = Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    ) as UpdateDatasetRequest;
    if (Object.keys(settings).length === 0) return toDatasetDto(dataset);
    const updated = await this.datasets.updateSettings(id, settings);
    if (!updated) throw notFound('dataset', id);
    return toDatasetDto(updated);
  }

  /** Replaces the limit table of the dataset's deadline settings with the CSV's rows. */
  async uploadLimits(id: string, body: unknown): Promise<DatasetDto> {
    const dataset = await this.require(id);
    const { csv } = validate(LimitTableUploadSchema, body);
    let limits;
    try {
      limits = readLimitTable(csv);
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      throw new ProblemException(422, 'limits.invalid', error.message, {
        file: error.file,
        ...(error.line === null ? {} : { line: error.line }),
        ...(error.column === null ? {} : { column: error.column }),
      });
    }
    const updated = await this.datasets.updateSettings(id, {
      deadlines: { ...(dataset.deadlines ?? {}), limits },
    });
    if (!updated) throw notFound('dataset', id);
    return toDatasetDto(updated);
  }

  /**
   * Deletes the dataset with its events, uploads, rejected rows, runs, results, facets and
   * ingestion keys (one transaction); 409 while an upload is still being read. The jobs of its
   * queued runs are removed afterwards; a job already running finds its run gone and stops.
   */
  async delete(id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('dataset', id);
    const deletion = await this.datasets.delete(id);
    if (deletion.outcome === 'missing') throw notFound('dataset', id);
    if (deletion.outcome === 'ingesting') {
      throw new ProblemException(
        409,
        'dataset.ingesting',
        `Dataset ${id} has an upload still being read (${deletion.uploadIds.join(', ')}); ` +
          'wait for it to finish or cancel it, then delete the dataset.',
      );
    }
    await this.removeJobs(deletion.activeRunIds);
  }

  /** Removes the queued jobs of runs whose rows were deleted (dataset or upload deletion). */
  async removeJobs(runIds: readonly string[]): Promise<void> {
    for (const runId of runIds) {
      try {
        await this.jobs.cancel(runId);
      } catch (error) {
        // The rows are gone already; a job left in the queue finds no run and is dropped.
        this.logger.warn(`could not remove the job of run ${runId}: ${String(error)}`);
      }
    }
  }
}
