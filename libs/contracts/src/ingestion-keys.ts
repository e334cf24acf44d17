/** Ingestion keys of a dataset (for `POST /api/v1/datasets/:id/events`). */
import { z } from 'zod';
import { id, instant } from './common';

export const CreateIngestionKeyRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional() })
  .strict();
export type CreateIngestionKeyRequest = z.infer<typeof CreateIngestionKeyRequestSchema>;

/** An ingestion key of a dataset (the secret itself only in CreatedIngestionKeyDto). */
export const IngestionKeyDtoSchema = z.object({
  id: id(),
  datasetId: id(),
  name: z.string().nullable(),
  prefix: z.string().describe("The key's first 12 characters, to tell keys apart"),
  createdAt: instant(),
  lastUsedAt: instant().nullable(),
  revokedAt: instant().nullable(),
});
export type IngestionKeyDto = z.infer<typeof IngestionKeyDtoSchema>;

/** Answer of POST /datasets/:id/ingestion-keys: the only time the key is shown. */
export const CreatedIngestionKeyDtoSchema = IngestionKeyDtoSchema.extend({
  key: z.string().describe('The secret, shown only this once'),
});
export type CreatedIngestionKeyDto = z.infer<typeof CreatedIngestionKeyDtoSchema>;
