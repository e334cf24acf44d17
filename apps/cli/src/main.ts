/**
 * `onetrip <command> [options]`. Each command lives in its own file under commands/, loaded on
 * demand (see commands/index.ts); its `run(argv)` resolves to the exit code. stdout carries only a command's output document;
 * progress, warnings and errors go to stderr.
 */
import { COMMANDS } from './commands';

const USAGE = `Usage: onetrip <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run \`onetrip <command> --help\` for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`onetrip: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}

// `onetrip … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`onetrip: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
