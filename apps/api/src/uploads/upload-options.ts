/**
 * The options of one ingest, as an upload's form fields (before the file) and query parameters
 * or a push's query parameters give them: the error policy, a client-chosen upload id, the text
 * encoding, the column mapping and what to do with identifier-like columns. One reading of them
 * for both ways in (docs/api.md#uploads).
 */
import {
  ChannelRoles,
  ChannelRolesSchema,
  ColumnMapping,
  IdentifierChoices,
  IdentifierChoicesSchema,
  PartialColumnMappingSchema as mappingSchema,
  QueueActivities,
  QueueActivitiesSchema,
  UploadLayout,
  UploadErrorPolicy,
  UploadOptionsSchema as policySchema,
} from '@onetrip/contracts';
import type { z } from 'zod';
import { ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';

/** More rejected rows than this share of all rows fails the upload (issue #4's default policy). */
export const REJECTED_SHARE_LIMIT = 0.05;
export interface UploadPolicy {
  onError: UploadErrorPolicy;
  /** 0..1: more rejected rows than this share of all rows fails the upload (policy `skip`). */
  maxRejectedRatio: number;
}

export const DEFAULT_POLICY: UploadPolicy = {
  onError: 'skip',
  maxRejectedRatio: REJECTED_SHARE_LIMIT,
};

/** The upload options given as form fields (before the file) or query parameters. */
export function parseUploadOptions(values: Record<string, string | undefined>): {
  policy: UploadPolicy;
  uploadId?: string;
  encoding?: string;
  layout?: UploadLayout;
  sheet?: string;
} {
  const parsed = policySchema.safeParse(
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      field: i.path.join('.'),
      message: i.message,
    }));
    throw new ProblemException(
      400,
      'upload.options-invalid',
      `Invalid upload options: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  const o = parsed.data;
  return {
    policy: {
      onError: o.onError ?? DEFAULT_POLICY.onError,
      maxRejectedRatio: o.maxRejectedRatio ?? DEFAULT_POLICY.maxRejectedRatio,
    },
    ...(o.uploadId === undefined ? {} : { uploadId: o.uploadId }),
    ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
    ...(o.layout === undefined ? {} : { layout: o.layout }),
    ...(o.sheet === undefined ? {} : { sheet: o.sheet }),
  };
}

export function parseMapping(text: string | undefined): Partial<ColumnMapping> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProblemException(
      400,
      'upload.mapping-invalid',
      'The mapping field is not valid JSON.',
    );
  }
  try {
    return validate(mappingSchema, json, 'mapping');
  } catch (error) {
    if (error instanceof ProblemException) {
      throw new ProblemException(
        400,
        'upload.mapping-invalid',
        error.problem.detail ?? 'Invalid mapping.',
        {
          errors: error.problem.errors,
        },
      );
    }
    throw error;
  }
}

/**
 * A form field holding JSON of `schema`: undefined when absent or blank; else the parsed value, or
 * a 400 problem `code` naming each bad field (`field.key`) and saying what is `expected`.
 */
function parseJsonOption<T>(
  text: string | undefined,
  option: { field: string; code: string; schema: z.ZodType<T>; expected: string },
): T | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const invalid = (detail: string, errors?: { field: string; message: string }[]): never => {
    throw new ProblemException(400, option.code, detail, errors ? { errors } : {});
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid(`The ${option.field} field is not valid JSON.`);
  }
  const parsed = option.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    field: [option.field, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return invalid(
    `${option.field} must be ${option.expected}: ` +
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );
}

/** A plain object without a prototype: a column or a value may be called "__proto__". */
function bare<T extends object>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : Object.assign(Object.create(null) as T, value);
}

/**
 * The upload option `identifiers`: a JSON object of column name → 'keep' | 'pseudonymize' |
 * 'drop', for unmapped columns whose default treatment should change
 * (docs/ingest.md#citizen-identifiers). Absent: the defaults of @onetrip/ingest's IdentifierGuard.
 */
export function parseIdentifiers(text: string | undefined): IdentifierChoices | undefined {
  return bare(
    parseJsonOption(text, {
      field: 'identifiers',
      code: 'upload.identifiers-invalid',
      schema: IdentifierChoicesSchema,
      expected: 'a JSON object of column → "keep", "pseudonymize" or "drop"',
    }),
  );
}

/**
 * The upload option `channelRoles`: a JSON object of channel value → 'in-person' | 'online' |
 * 'back-office' | 'phone' | 'other' (docs/ingest.md#channel-roles), saved with the dataset on
 * success. Absent: the dataset keeps its roles.
 */
export function parseChannelRoles(text: string | undefined): ChannelRoles | undefined {
  return bare(
    parseJsonOption(text, {
      field: 'channelRoles',
      code: 'upload.channel-roles-invalid',
      schema: ChannelRolesSchema,
      expected:
        'a JSON object of channel value → "in-person", "online", "back-office", "phone" or "other"',
    }),
  );
}

/**
 * The upload option `queueActivities`: a JSON object {ticket, call, abandon} of activity names
 * (docs/ingest.md#queue-activities), saved with the dataset on success. Absent: the dataset
 * keeps its own.
 */
export function parseQueueActivities(text: string | undefined): QueueActivities | undefined {
  return parseJsonOption(text, {
    field: 'queueActivities',
    code: 'upload.queue-activities-invalid',
    schema: QueueActivitiesSchema,
    expected:
      'a JSON object {"ticket": [names], "call": [names], "abandon": [names]} (ticket and call ' +
      'not empty)',
  });
}

/** Every option of one ingest, read from the given form fields and query parameters. */
export interface IngestOptions {
  policy: UploadPolicy;
  uploadId?: string;
  encoding?: string;
  /** .xlsx only: the sheet (name or 1-based number). */
  sheet?: string;
  mapping?: Partial<ColumnMapping>;
  identifiers?: IdentifierChoices;
  channelRoles?: ChannelRoles;
  queueActivities?: QueueActivities;
  /** 'ticket-rows': a one-row-per-ticket queue export (absent: one row per event). */
  layout?: UploadLayout;
}

export function readIngestOptions(values: Record<string, string | undefined>): IngestOptions {
  const { policy, uploadId, encoding, layout, sheet } = parseUploadOptions(values);
  const mapping = parseMapping(values.mapping);
  const identifiers = parseIdentifiers(values.identifiers);
  const channelRoles = parseChannelRoles(values.channelRoles);
  const queueActivities = parseQueueActivities(values.queueActivities);
  return {
    policy,
    ...(uploadId === undefined ? {} : { uploadId }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(sheet === undefined ? {} : { sheet }),
    ...(mapping === undefined ? {} : { mapping }),
    ...(identifiers === undefined ? {} : { identifiers }),
    ...(channelRoles === undefined ? {} : { channelRoles }),
    ...(queueActivities === undefined ? {} : { queueActivities }),
    ...(layout === undefined ? {} : { layout }),
  };
}
