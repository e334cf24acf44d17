/** Field shapes every resource uses. */
import { z } from 'zod';

/** An id (the database's gen_random_uuid, or a client-chosen upload id). */
export const id = () => z.uuid();
/** An instant as the API writes it (`Date.toISOString()`). */
export const instant = () => z.iso.datetime();
/** A count of rows, events, bytes. */
export const count = () => z.number().int().min(0);

/** True for a zone `Intl` knows (IANA names such as Asia/Shanghai, and UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
