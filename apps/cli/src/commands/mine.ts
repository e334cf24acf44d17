// Placeholder until the command is written; it fails loudly instead of pretending to work.
export const mine = {
  summary: '(mine: not implemented yet)',
  run(): Promise<number> {
    process.stderr.write('onetrip mine: not implemented yet\n');
    return Promise.resolve(2);
  },
};
