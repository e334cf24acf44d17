/**
 * @onetrip/contracts: the shapes of the HTTP API (`/api/v1`), shared by the api, the worker, the
 * cli and the web app (which imports nothing else from the server side). Each shape is a zod
 * schema (`XSchema`, one file per resource) with its type inferred from it (`X`): the api
 * validates requests with the schemas and generates its OpenAPI document from them. The web app
 * imports types only (and EVENT_FIELDS, which lives in a file without zod).
 */
export * from './mining';
export * from './event-fields';
export * from './event-log';
export * from './channels';
export * from './queue';
export * from './deadlines';
export * from './datasets';
export * from './uploads';
export * from './ingestion-keys';
export * from './runs';
export * from './explore';
export * from './health';
export * from './problem';
export * from './rejections';
export * from './csv-cells';
export * from './auth';
export * from './audit-actions';
export * from './audit';
export * from './users';
export * from './goals';
export * from './report';
