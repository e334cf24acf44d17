/**
 * Which dataset visit an async answer belongs to. Bumped whenever the selected dataset changes,
 * so stale polls, uploads and previews stop writing to the store.
 */
export interface Session {
  /** A new visit (another dataset selected, or back/forward to one). */
  next(): void;
  /** A check bound to the current visit: true while it lasts. */
  visit(): () => boolean;
}

export function createSession(): Session {
  let generation = 0;
  return {
    next: () => {
      generation += 1;
    },
    visit: () => {
      const mine = generation;
      return () => mine === generation;
    },
  };
}
