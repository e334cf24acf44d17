let counter = 0;

/**
 * A document-unique id for markers and gradients, so several charts can share a page. Snapshot
 * tests re-index these ids, so the counter's value never reaches a committed file.
 */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
