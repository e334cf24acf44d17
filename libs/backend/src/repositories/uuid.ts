const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is exactly a uuid (8-4-4-4-12 hex digits, any version): the one uuid check. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * `id` when it is exactly a uuid, else throws. COPY takes no bind parameters, so ids are inlined
 * into its SQL or written as bytes: they must be checked first.
 */
export function assertUuid(id: string): string {
  if (!isUuid(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return id;
}

/** The 16 bytes of a uuid (binary COPY's representation). */
export function uuidBytes(id: string): Buffer {
  return Buffer.from(assertUuid(id).replace(/-/g, ''), 'hex');
}
