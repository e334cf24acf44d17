// Placeholder until the command is written; it fails loudly instead of pretending to work.
export const importCommand = {
  summary: '(import: not implemented yet)',
  run(): Promise<number> {
    process.stderr.write('onetrip import: not implemented yet\n');
    return Promise.resolve(2);
  },
};
