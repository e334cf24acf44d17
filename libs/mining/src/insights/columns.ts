import { resize } from '../columns';
import { StringDictionary } from '../dictionary';
import { NONE } from '../event-store';
import type { MiningEvent } from '../types';

/**
 * The event fields only the insights pass reads (service, department, source system), stored beside the
 * engine's EventStore and indexed like it: dictionary codes in Int32Arrays, NONE where absent.
 */
export class InsightColumns {
  serviceOf = new Int32Array(0);
  departmentOf = new Int32Array(0);
  sourceSystemOf = new Int32Array(0);
  /** The case record's promised limit text (MiningEvent.promised). */
  promisedOf = new Int32Array(0);
  readonly services = new StringDictionary();
  readonly departments = new StringDictionary();
  readonly sourceSystems = new StringDictionary();
  readonly promised = new StringDictionary();

  /** Stores the fields of event number `index` (call only after the store accepted it). */
  set(index: number, event: MiningEvent): void {
    if (index >= this.serviceOf.length) {
      const capacity = Math.max(65536, Math.ceil(index * 1.5));
      this.serviceOf = resize(this.serviceOf, capacity, NONE);
      this.departmentOf = resize(this.departmentOf, capacity, NONE);
      this.sourceSystemOf = resize(this.sourceSystemOf, capacity, NONE);
      this.promisedOf = resize(this.promisedOf, capacity, NONE);
    }
    this.serviceOf[index] = present(event.service) ? this.services.encode(event.service) : NONE;
    this.departmentOf[index] = present(event.department)
      ? this.departments.encode(event.department)
      : NONE;
    this.sourceSystemOf[index] = present(event.sourceSystem)
      ? this.sourceSystems.encode(event.sourceSystem)
      : NONE;
    this.promisedOf[index] = present(event.promised) ? this.promised.encode(event.promised) : NONE;
  }
}

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value !== '';
}
