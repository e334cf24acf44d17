/**
 * The OpenAPI document, generated from the zod schemas of @onetrip/contracts: the schemas become
 * `components.schemas` (z.toJSONSchema, OpenAPI 3.0 dialect), and the controllers' decorators
 * refer to them by name. There are no hand-written schema classes to drift from the contract.
 */
import { applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiQuery,
  DocumentBuilder,
  SwaggerModule,
  type ApiResponseOptions,
  type OpenAPIObject,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { z } from 'zod';
import { API_SCHEMAS, type ApiSchemaName } from './api-schemas';

const COMPONENTS = '#/components/schemas/';
const PROBLEM_JSON = 'application/problem+json';

type JsonSchema = z.core.JSONSchema.BaseSchema;

const toJsonSchemaParams = {
  target: 'openapi-3.0',
  // Requests are documented as clients send them (defaults optional, text before coercion);
  // answers have no defaults or transforms, so both read the same.
  io: 'input',
  // A z.custom (the MiningResult) is described by its .meta(); anything else unrepresentable is
  // a mistake in the contract.
  unrepresentable: ({ zodSchema }) => (zodSchema._zod.def.type === 'custom' ? 'any' : 'throw'),
  override: ({ jsonSchema }) => {
    // A uuid or date-time format says it; zod's long regular expression only adds noise.
    if (jsonSchema.format !== undefined) delete jsonSchema.pattern;
    // Likewise the safe-integer bounds zod gives every .int().
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  },
} satisfies z.core.ToJSONSchemaParams;

/** `components.schemas`: every schema of API_SCHEMAS, nested named ones as `$ref`s. */
export function openApiComponents(): Record<ApiSchemaName, SchemaObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    ...toJsonSchemaParams,
    uri: (id) => `${COMPONENTS}${id}`,
  });
  const out: Partial<Record<ApiSchemaName, SchemaObject>> = {};
  for (const name of Object.keys(API_SCHEMAS) as ApiSchemaName[]) {
    const { $id: _id, ...schema } = schemas[name] as JsonSchema;
    out[name] = schema as SchemaObject;
  }
  return out as Record<ApiSchemaName, SchemaObject>;
}

/** A reference to a named schema (a typo does not compile). */
export function ref(name: ApiSchemaName): ReferenceObject {
  return { $ref: `${COMPONENTS}${name}` };
}

/** An array of a named schema. */
export function arrayOf(name: ApiSchemaName): SchemaObject {
  return { type: 'array', items: ref(name) };
}

/** A problem+json answer (ProblemDetails), for the error decorators. */
export function problem(description?: string): ApiResponseOptions {
  return {
    description: description ?? 'Problem details with a stable code',
    content: { [PROBLEM_JSON]: { schema: ref('ProblemDetails') } },
  };
}

/** One `@ApiQuery` per property of a query schema of @onetrip/contracts. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, toJsonSchemaParams) as JsonSchema;
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...rest } = property as JsonSchema;
      return ApiQuery({
        name,
        required: required.has(name),
        schema: rest as SchemaObject,
        ...(description === undefined ? {} : { description }),
      });
    }),
  );
}

/** The document served at /api/docs (Swagger UI) and /api/docs/openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('onetrip API')
      .setDescription(
        'Datasets, uploads and mining runs. Errors are application/problem+json with a stable `code`.',
      )
      .setVersion('1')
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...openApiComponents() },
  };
  return document;
}
