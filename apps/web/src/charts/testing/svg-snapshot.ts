/**
 * Committed SVG snapshots for charts (test-only; runs under Node in Jest).
 *
 * The SVG is normalized so that only meaningful changes show: numbers are rounded to one decimal,
 * generated ids are re-indexed in order of appearance, and each element starts a new line.
 * On mismatch `<name>-changed.svg` is written beside the snapshot (git-ignored) and the test
 * fails; to accept it, move it over `<name>.svg`. A missing snapshot is written only when
 * UPDATE_SNAPSHOTS=1.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function normalizeSvg(svg: SVGSVGElement): string {
  let text = new XMLSerializer().serializeToString(svg);
  text = text.replace(/-?\d+\.\d+(?:e-?\d+)?/g, (number) => {
    const rounded = Math.round(Number(number) * 10) / 10;
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
  const ids = [...text.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  ids.forEach((id, index) => {
    const pattern = escapeRegExp(id);
    text = text
      .replace(new RegExp(`id="${pattern}"`, 'g'), `id="id-${index}"`)
      .replace(new RegExp(`#${pattern}(?=[")])`, 'g'), `#id-${index}`);
  });
  return text.replace(/></g, '>\n<') + '\n';
}

export type SnapshotOutcome =
  { status: 'match' | 'written' } | { status: 'mismatch' | 'missing'; message: string };

export function compareSvgSnapshot(
  directory: string,
  name: string,
  svg: SVGSVGElement,
): SnapshotOutcome {
  const actual = normalizeSvg(svg);
  const expectedPath = path.join(directory, `${name}.svg`);
  const changedPath = path.join(directory, `${name}-changed.svg`);
  if (!existsSync(expectedPath)) {
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      mkdirSync(directory, { recursive: true });
      writeFileSync(expectedPath, actual);
      return { status: 'written' };
    }
    writeFileSync(changedPath, actual);
    return {
      status: 'missing',
      message: `no snapshot ${expectedPath}; run with UPDATE_SNAPSHOTS=1 to write it (the output is in ${changedPath})`,
    };
  }
  const expected = readFileSync(expectedPath, 'utf8');
  if (expected === actual) {
    if (existsSync(changedPath)) rmSync(changedPath);
    return { status: 'match' };
  }
  writeFileSync(changedPath, actual);
  return {
    status: 'mismatch',
    message: `${name}.svg differs from the rendered chart; compare ${changedPath} with it, and move it over ${expectedPath} if the change is intended`,
  };
}

/** Jest helper: fails with the outcome's message unless the snapshot matched or was written. */
export function expectSvgSnapshot(directory: string, name: string, svg: SVGSVGElement): void {
  const outcome = compareSvgSnapshot(directory, name, svg);
  if (outcome.status === 'mismatch' || outcome.status === 'missing') {
    throw new Error(outcome.message);
  }
}
