import { Injectable } from '@nestjs/common';
import { DatasetEntity, DatasetRepository } from '@onetrip/backend';
import {
  CreateDatasetRequestSchema,
  UpdateDatasetRequestSchema,
  type CreateDatasetRequest,
  type UpdateDatasetRequest,
  type DatasetDto,
} from '@onetrip/contracts';
import { isUuid, notFound } from '../problem/problem';
import { validate } from '../problem/validate';

export function toDatasetDto(d: DatasetEntity): DatasetDto {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    timezone: d.timezone,
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

  async create(body: unknown): Promise<DatasetDto> {
    const input: CreateDatasetRequest = validate(CreateDatasetRequestSchema, body);
    const dataset = await this.datasets.create({
      name: input.name,
      description: input.description ?? null,
      timezone: input.timezone ?? 'Asia/Shanghai',
    });
    return toDatasetDto(dataset);
  }

  async list(): Promise<DatasetDto[]> {
    return (await this.datasets.list()).map(toDatasetDto);
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
  async update(id: string, body: unknown): Promise<DatasetDto> {
    const dataset = await this.require(id);
    const input = validate(UpdateDatasetRequestSchema, body);
    const settings = Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    ) as UpdateDatasetRequest;
    if (Object.keys(settings).length === 0) return toDatasetDto(dataset);
    const updated = await this.datasets.updateSettings(id, settings);
    if (!updated) throw notFound('dataset', id);
    return toDatasetDto(updated);
  }
}
