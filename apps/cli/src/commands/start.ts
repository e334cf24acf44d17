// Placeholder until the command is written; it fails loudly instead of pretending to work.
export const start = {
  summary: '(start: not implemented yet)',
  run(): Promise<number> {
    process.stderr.write('onetrip start: not implemented yet\n');
    return Promise.resolve(2);
  },
};
