/**
 * The logical fields an event log column can be mapped to. A plain constant, in a file without
 * zod: the web app uses it as a value, and importing it must not pull zod into the bundle.
 */
export const EVENT_FIELDS = [
  'caseId',
  'activity',
  'timestamp',
  'startTimestamp',
  'lifecycle',
  'resource',
  'citizen',
  'service',
  'channel',
  'location',
  'department',
  'sourceSystem',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];
