/**
 * The web app uses @onetrip/contracts for its types; the schemas (zod) stay on the server. A
 * value the app imports must come from a contracts file without zod (vite.config.mts leaves the
 * unused contract modules, and so zod, out of the bundle: 54 kB instead of 147 kB for main.js).
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const contracts = path.join(root, 'libs/contracts/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [file] : [];
  });
}

/** The names a file imports from @onetrip/contracts as values (not `type`). */
function valueImports(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@onetrip\/contracts'/g)) {
    if (m[1]) continue;
    for (const part of (m[2] ?? '').split(',')) {
      const name = part.trim();
      if (name !== '' && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0] ?? name);
    }
  }
  return names;
}

describe('the web app and the contracts', () => {
  it('imports values only from contract files that do not use zod', () => {
    const zodFree = new Set<string>();
    for (const file of fs.readdirSync(contracts)) {
      const text = fs.readFileSync(path.join(contracts, file), 'utf8');
      if (/\.spec\.ts$/.test(file) || /from 'zod'/.test(text)) continue;
      for (const m of text.matchAll(/export const (\w+)/g)) zodFree.add(m[1] ?? '');
    }
    const values = sources(path.join(root, 'apps/web/src')).flatMap((file) =>
      valueImports(fs.readFileSync(file, 'utf8')).map((name) => ({
        file: path.relative(root, file),
        name,
      })),
    );
    expect(values.map((v) => v.name)).toContain('EVENT_FIELDS');
    expect(values.filter((v) => !zodFree.has(v.name))).toEqual([]);
  });

  it('builds with the contract modules treated as free of side effects', () => {
    const config = fs.readFileSync(path.join(root, 'apps/web/vite.config.mts'), 'utf8');
    expect(config).toMatch(/moduleSideEffects: \(id: string\) =>[^\n]*\/libs\/contracts\/src\//);
  });
});
