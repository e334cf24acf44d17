import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DatasetsController } from '../datasets/datasets.controller';
import { DatasetsService } from '../datasets/datasets.service';
import { ExploreController } from '../explore/explore.controller';
import { ExploreService } from '../explore/explore.service';
import { GoalsController } from '../goals/goals.controller';
import { GoalsService } from '../goals/goals.service';
import { HealthController } from '../health/health.controller';
import { HealthService } from '../health/health.service';
import { PushController } from '../push/push.controller';
import { PushService } from '../push/push.service';
import { RunsController } from '../runs/runs.controller';
import { RunsService } from '../runs/runs.service';
import { UploadsController } from '../uploads/uploads.controller';
import { UploadsService } from '../uploads/uploads.service';
import { API_SCHEMAS } from './api-schemas';
import { createOpenApiDocument } from './openapi';

/** Every controller of the api with its service stubbed: the document needs no database. */
@Module({
  controllers: [
    DatasetsController,
    ExploreController,
    GoalsController,
    HealthController,
    PushController,
    RunsController,
    UploadsController,
  ],
  providers: [
    DatasetsService,
    ExploreService,
    GoalsService,
    HealthService,
    PushService,
    RunsService,
    UploadsService,
  ].map((service) => ({ provide: service, useValue: {} })),
})
class ControllersOnly {}

type Json = Record<string, unknown>;

/** Every `$ref` anywhere below `value`. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('the OpenAPI document generated from the contracts', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  const operations: { route: string; op: Json }[] = [];

  beforeAll(async () => {
    app = await NestFactory.create(ControllersOnly, { logger: false });
    doc = createOpenApiDocument(app);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Json)) {
        operations.push({ route: `${method.toUpperCase()} ${path}`, op: op as Json });
      }
    }
  });
  afterAll(() => app.close());

  it('has every route of the api', () => {
    expect(operations.map((o) => o.route).sort()).toEqual([
      'DELETE /api/v1/datasets/{id}',
      'DELETE /api/v1/datasets/{id}/goals/{goalId}',
      'DELETE /api/v1/datasets/{id}/ingestion-keys/{keyId}',
      'DELETE /api/v1/uploads/{id}',
      'GET /api/health',
      'GET /api/v1/datasets',
      'GET /api/v1/datasets/{id}',
      'GET /api/v1/datasets/{id}/facets',
      'GET /api/v1/datasets/{id}/goals',
      'GET /api/v1/datasets/{id}/goals/{goalId}',
      'GET /api/v1/datasets/{id}/goals/{goalId}/history',
      'GET /api/v1/datasets/{id}/ingestion-keys',
      'GET /api/v1/datasets/{id}/journeys/{key}/timeline',
      'GET /api/v1/datasets/{id}/runs',
      'GET /api/v1/datasets/{id}/uploads',
      'GET /api/v1/runs/{id}',
      'GET /api/v1/runs/{id}/events',
      'GET /api/v1/runs/{id}/result',
      'GET /api/v1/uploads/{id}',
      'GET /api/v1/uploads/{id}/rejected.csv',
      'PATCH /api/v1/datasets/{id}',
      'PATCH /api/v1/datasets/{id}/goals/{goalId}',
      'POST /api/v1/datasets',
      'POST /api/v1/datasets/{id}/events',
      'POST /api/v1/datasets/{id}/goals',
      'POST /api/v1/datasets/{id}/ingestion-keys',
      'POST /api/v1/datasets/{id}/runs',
      'POST /api/v1/datasets/{id}/uploads',
      'POST /api/v1/datasets/{id}/uploads/preview',
      'POST /api/v1/runs/{id}/cancel',
      'PUT /api/v1/datasets/{id}/deadlines/limits',
    ]);
  });

  it('gives every answer with a body, and every request body, a schema', () => {
    const missing: string[] = [];
    for (const { route, op } of operations) {
      const responses = Object.entries(op.responses as Record<string, Json>);
      expect(responses.some(([status]) => status.startsWith('2'))).toBe(true);
      for (const [status, response] of responses) {
        if (status === '204') continue;
        const content = Object.values((response.content ?? {}) as Record<string, Json>);
        if (content.length === 0 || content.some((c) => c.schema === undefined)) {
          missing.push(`${route} ${status}`);
        }
      }
      const body = op.requestBody as { content: Record<string, Json> } | undefined;
      if (body && Object.values(body.content).some((c) => c.schema === undefined)) {
        missing.push(`${route} request body`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers JSON routes with named contract schemas and errors with ProblemDetails', () => {
    const json = (route: string, status: string): unknown => {
      const op = operations.find((o) => o.route === route)?.op;
      const responses = op?.responses as Record<string, { content: Record<string, Json> }>;
      return Object.values(responses[status]?.content ?? {})[0]?.schema;
    };
    expect(json('POST /api/v1/datasets', '201')).toEqual({
      $ref: '#/components/schemas/DatasetDto',
    });
    expect(json('GET /api/v1/datasets/{id}/uploads', '200')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/UploadSummaryDto' },
    });
    expect(json('GET /api/v1/runs/{id}/result', '409')).toEqual({
      $ref: '#/components/schemas/ProblemDetails',
    });
    const errors = operations.flatMap(({ op }) =>
      Object.entries(op.responses as Record<string, { content?: Record<string, Json> }>)
        .filter(([status]) => /^[45]/.test(status) && op.operationId !== 'HealthController_check')
        .map(([, r]) => Object.keys(r.content ?? {})),
    );
    expect(errors.length).toBeGreaterThan(10);
    expect(new Set(errors.flat())).toEqual(new Set(['application/problem+json']));
  });

  it('resolves every $ref to a component generated from a zod schema', () => {
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(API_SCHEMAS).sort());
    const dangling = refs(doc).filter(
      (r) => !(r.startsWith('#/components/schemas/') && r.slice(21) in schemas),
    );
    expect(dangling).toEqual([]);
    expect(refs(doc)).toContain('#/components/schemas/RunFilter');
  });

  it('documents query parameters from the query schemas', () => {
    const timeline = operations.find(
      (o) => o.route === 'GET /api/v1/datasets/{id}/journeys/{key}/timeline',
    )?.op;
    const query = (timeline?.parameters as Json[]).filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual([
      'inPerson',
      'journey',
      'journeyGapSeconds',
      'lifecycle',
      'service',
      'tripGapSeconds',
    ]);
    expect(query.find((p) => p.name === 'journey')).toMatchObject({
      required: false,
      schema: { type: 'string', enum: ['case', 'citizen', 'citizen+service'] },
    });
  });

  it('keeps the contract in the components: required fields, nullability, formats', () => {
    const dataset = doc.components?.schemas?.DatasetDto as Json;
    expect(dataset.required).toEqual([
      'id',
      'name',
      'description',
      'timezone',
      'department',
      'version',
      'eventCount',
      'mapping',
      'channelRoles',
      'queueActivities',
      'deadlines',
      'createdAt',
      'updatedAt',
    ]);
    const props = dataset.properties as Record<string, Json>;
    expect(props.id).toEqual({ type: 'string', format: 'uuid' });
    expect(props.eventCount).toEqual({ type: 'integer', minimum: 0 });
    expect(props.description).toEqual({ type: 'string', nullable: true });
    expect(props.mapping).toMatchObject({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/PartialColumnMapping' }],
    });
    expect(doc.components?.schemas?.CreateRunRequest).toMatchObject({
      additionalProperties: false,
      properties: {
        params: { allOf: [{ $ref: '#/components/schemas/RunParams' }] },
        filter: { allOf: [{ $ref: '#/components/schemas/RunFilter' }] },
      },
    });
    expect(JSON.stringify(doc.components)).not.toContain('$id');
  });
});
