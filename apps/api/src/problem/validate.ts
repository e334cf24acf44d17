import type { z } from 'zod';
import { ProblemException } from './problem';

/** Parses a request body with a zod schema; failures become 400 `request.invalid`. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    field: i.path.length > 0 ? i.path.join('.') : what,
    message: i.message,
  }));
  throw new ProblemException(
    400,
    'request.invalid',
    `Invalid ${what}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    { errors },
  );
}
