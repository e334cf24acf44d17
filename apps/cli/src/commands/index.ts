/** The command table of `onetrip`. Add a command by adding its file and one line here. */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {};
