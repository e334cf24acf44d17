import { Injectable } from '@nestjs/common';
import { DatasetEntity, DatasetRepository } from '@onetrip/backend';
import {
  CreateDatasetRequestSchema,
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
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

@Injectable()
export class DatasetsService {
  constructor(private readonly datasets: DatasetRepository) {}

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
}
