/**
 * Type-only view of the mining contract for the web app's compiler (tsconfig maps
 * `@onetrip/mining` here): `@onetrip/contracts` re-exports these types, and the web app must not
 * compile the engine itself. Nothing here reaches the bundle.
 */
export type * from '../../../../libs/mining/src/types';
export type * from '../../../../libs/mining/src/insights-types';
