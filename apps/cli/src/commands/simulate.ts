// Placeholder until the command is written; it fails loudly instead of pretending to work.
export const simulate = {
  summary: '(simulate: not implemented yet)',
  run(): Promise<number> {
    process.stderr.write('onetrip simulate: not implemented yet\n');
    return Promise.resolve(2);
  },
};
