/**
 * Why the engine could not mine an input: a stable code with parameters (the web app says it in
 * the user's language and suggests the fix; the message is the English version).
 */
export type MiningErrorCode =
  /** An event's start time is after its completion (often a start column mapped wrongly). */
  | 'start-after-complete'
  /** Journeys follow citizens but an event has no citizen. */
  | 'citizen-missing'
  /** A field of an event is not what the engine takes (a number that is no instant, …). */
  | 'invalid-field'
  /** An option is out of range. */
  | 'invalid-option';

/** An event or option the engine cannot mine; the message names the offending field and value. */
export class MiningInputError extends Error {
  constructor(
    message: string,
    /** The MiningEvent field at fault, when one is. */
    readonly field: string | null = null,
    readonly code: MiningErrorCode = 'invalid-option',
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'MiningInputError';
  }
}
