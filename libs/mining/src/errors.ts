/** An event or option the engine cannot mine; the message names the offending field and value. */
export class MiningInputError extends Error {
  constructor(
    message: string,
    /** The MiningEvent field at fault, when one is. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'MiningInputError';
  }
}
