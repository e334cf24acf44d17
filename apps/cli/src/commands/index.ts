/** The command table of `onetrip`. Add a command by adding its file and one line here. */
import { migrate } from './migrate';
import { mine } from './mine';
import { simulate } from './simulate';
import { start } from './start';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  mine,
  simulate,
  migrate,
  start,
};
