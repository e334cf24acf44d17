/**
 * The upload option `identifiers` (form field or query parameter): a JSON object of column name
 * → 'keep' | 'pseudonymize' | 'drop', for unmapped columns whose default treatment should change
 * (docs/ingest.md#citizen-identifiers). Absent: the defaults of @onetrip/ingest's IdentifierGuard.
 */
import { IdentifierChoicesSchema as schema, type IdentifierChoices } from '@onetrip/contracts';
import { ProblemException } from '../problem/problem';

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
  const parsed = schema.safeParse(json);
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
