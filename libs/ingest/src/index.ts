/** @onetrip/ingest: streaming CSV / NDJSON / XES(.gz) / .xlsx → normalized events. See docs/ingest.md. */
export { readEvents, readEventBatches, formatFromName } from './read-events';
export { columnLetters, serialToText } from './xlsx';
export { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsx-writer';
export { IngestError, type IngestErrorCode } from './errors';
export { readLimitTable, readLimitUnit, LIMIT_TABLE_MAX_ROWS } from './limit-table';
export { parseTimestamp, isValidTimezone } from './timestamp';
export {
  suggestMapping,
  CSV_DEFAULT_MAPPING,
  CSV_FALLBACK_MAPPING,
  XES_DEFAULT_MAPPING,
  defaultMapping,
} from './mapping';
export {
  createPseudonymizer,
  pseudonymize,
  eventIdentity,
  identityFieldsMaxBytes,
  writeIdentityFields,
} from './identity';
export {
  PSEUDONYM_PREFIX,
  IdentifierGuard,
  identifierColumns,
  isIdentifierName,
  looksLikeIdentifier,
} from './identifiers';
export { ticketNumberColumn, ticketRowQueueActivities, type TicketRowColumns } from './ticket-rows';
export { detectLayout, isReturnAction, presetColumns, presetMapping } from './presets';
export { inspectFile, type FileInspection, type InspectOptions } from './inspect';
export { writeCsv, toCsvRows, WRITER_MAPPING } from './csv-writer';
export {
  DEFAULT_LIMITS,
  OPTIONAL_FIELDS,
  type IngestFormat,
  type IngestLimits,
  type IngestProgress,
  type IngestRecord,
  type NormalizedEvent,
  type ReadOptions,
  type RejectionCode,
} from './types';
export { suggestChannelRole, suggestChannelRoles } from './channel-roles';
export { queueRoleOf, suggestQueueActivities } from './queue-activities';
export { columnStats } from './column-stats';
