/** `onetrip migrate`: applies pending database migrations (DATABASE_URL), then exits. */
import { migrateDatabase } from '../start/migrate';

export const migrate = {
  async run(argv: string[]): Promise<number> {
    if (argv.includes('--help')) {
      process.stdout.write(
        'Usage: onetrip migrate\n\nApplies pending migrations to the database in DATABASE_URL.\n',
      );
      return 0;
    }
    await migrateDatabase(process.env, (line) => process.stderr.write(`${line}\n`));
    return 0;
  },
};
