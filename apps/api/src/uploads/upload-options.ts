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
  UploadErrorPolicy,
  UploadOptionsSchema as policySchema,
} from '@onetrip/contracts';
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
 * The upload option `identifiers`: a JSON object of column name → 'keep' | 'pseudonymize' |
 * 'drop', for unmapped columns whose default treatment should change
 * (docs/ingest.md#citizen-identifiers). Absent: the defaults of @onetrip/ingest's IdentifierGuard.
 */
export function parseIdentifiers(text: string | undefined): IdentifierChoices | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const invalid = (detail: string, errors?: { field: string; message: string }[]): never => {
    throw new ProblemException(400, 'upload.identifiers-invalid', detail, errors ? { errors } : {});
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid('The identifiers field is not valid JSON.');
  }
  const parsed = IdentifierChoicesSchema.safeParse(json);
  if (parsed.success) {
    // A plain object without a prototype: a column may be called "__proto__".
    return Object.assign(Object.create(null) as IdentifierChoices, parsed.data);
  }
  const errors = parsed.error.issues.map((i) => ({
    field: ['identifiers', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return invalid(
    'identifiers must be a JSON object of column → "keep", "pseudonymize" or "drop": ' +
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );
}

/**
 * The upload option `channelRoles`: a JSON object of channel value → 'in-person' | 'online' |
 * 'back-office' | 'phone' | 'other' (docs/ingest.md#channel-roles), saved with the dataset on
 * success. Absent: the dataset keeps its roles.
 */
export function parseChannelRoles(text: string | undefined): ChannelRoles | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const invalid = (detail: string, errors?: { field: string; message: string }[]): never => {
    throw new ProblemException(
      400,
      'upload.channel-roles-invalid',
      detail,
      errors ? { errors } : {},
    );
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid('The channelRoles field is not valid JSON.');
  }
  const parsed = ChannelRolesSchema.safeParse(json);
  if (parsed.success) {
    return Object.assign(Object.create(null) as ChannelRoles, parsed.data);
  }
  const errors = parsed.error.issues.map((i) => ({
    field: ['channelRoles', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return invalid(
    'channelRoles must be a JSON object of channel value → "in-person", "online", ' +
      '"back-office", "phone" or "other": ' +
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );
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
}

export function readIngestOptions(values: Record<string, string | undefined>): IngestOptions {
  const { policy, uploadId, encoding, sheet } = parseUploadOptions(values);
  const mapping = parseMapping(values.mapping);
  const identifiers = parseIdentifiers(values.identifiers);
  const channelRoles = parseChannelRoles(values.channelRoles);
  return {
    policy,
    ...(uploadId === undefined ? {} : { uploadId }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(sheet === undefined ? {} : { sheet }),
    ...(mapping === undefined ? {} : { mapping }),
    ...(identifiers === undefined ? {} : { identifiers }),
    ...(channelRoles === undefined ? {} : { channelRoles }),
  };
}
