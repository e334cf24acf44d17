/**
 * The command table of `onetrip`. A command's module is loaded only when that command runs, so
 * that `onetrip mine` does not pay for NestJS and TypeORM, nor `onetrip simulate` for the engine.
 * Add a command by adding its file (exporting `{ run(argv): Promise<number> }`) and one entry here.
 */
export type RunCommand = (argv: string[]) => Promise<number>;

export interface CommandEntry {
  summary: string;
  load(): Promise<RunCommand>;
}

interface CommandModule {
  run(argv: string[]): Promise<number>;
}

const lazy = (loader: () => Promise<CommandModule>) => async (): Promise<RunCommand> => {
  const command = await loader();
  return (argv) => command.run(argv);
};

export const COMMANDS: Record<string, CommandEntry> = {
  mine: {
    summary: 'Mine an event log (CSV, NDJSON, XES): journeys, trips, waits, bottlenecks',
    load: lazy(async () => (await import('./mine')).mine),
  },
  simulate: {
    summary: 'Generate a synthetic government-service event log with ground truth',
    load: lazy(async () => (await import('./simulate')).simulate),
  },
  import: {
    summary: 'Upload an event log through the api into a dataset (created if missing)',
    load: lazy(async () => (await import('./import')).importCommand),
  },
  migrate: {
    summary: 'Apply pending database migrations to DATABASE_URL',
    load: lazy(async () => (await import('./migrate')).migrate),
  },
  user: {
    summary: 'Create (`user create --admin --username U`) or list database users',
    load: lazy(async () => (await import('./user')).user),
  },
  start: {
    summary: 'Run the api, a worker and the web app (embedded PostgreSQL/Redis when none is given)',
    load: lazy(async () => (await import('./start')).start),
  },
};
