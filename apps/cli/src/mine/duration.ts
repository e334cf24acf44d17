const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses `30d`, `4h`, `90m`, `1.5h`, `45s`, `500ms`, `2w` into milliseconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(text);
  if (!match) {
    throw new UsageError(`${option} expects a duration such as 30d, 4h, 90m or 45s, got '${text}'`);
  }
  return Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
}

/** A mistake in the command line: reported with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
