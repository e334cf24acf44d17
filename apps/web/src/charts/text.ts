/**
 * Deterministic text measurement. jsdom has no layout engine (no getBBox), and the same widths
 * must come out in Jest and in the browser so that snapshots and screenshots agree; so widths are
 * approximated from per-character advances of a typical sans-serif, in em.
 */

// Ideographs, kana, hangul, CJK punctuation, full-width forms (and, to be safe, arrows, which
// CJK fonts draw full width) take a whole em.
const WIDE =
  /[\u1100-\u115f\u2190-\u21ff\u2e80-\u303f\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const NARROW = /[ilj.,:;|!'`·]/;
const SEMI_NARROW = /[ftrI()[\]{}\-/\\"]/;
const BROAD = /[mwMW@%]/;

export function charWidthEm(char: string): number {
  if (WIDE.test(char)) return 1;
  if (char === ' ') return 0.32;
  if (NARROW.test(char)) return 0.26;
  if (SEMI_NARROW.test(char)) return 0.34;
  if (BROAD.test(char)) return 0.86;
  if (/[A-Z]/.test(char)) return 0.7;
  if (/[0-9]/.test(char)) return 0.6;
  // Generous for lowercase: wide fonts (DejaVu Sans, Linux's usual fallback) run over 0.6 em.
  return 0.61;
}

/** Approximate rendered width of `text` in pixels at `fontSize` (px). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += charWidthEm(char);
  return em * fontSize;
}

/** Splits text into pieces a line may break between: words, and single wide characters. */
function breakableParts(text: string): string[] {
  const parts: string[] = [];
  let word = '';
  for (const char of text) {
    if (WIDE.test(char)) {
      if (word) parts.push(word);
      parts.push(char);
      word = '';
    } else if (char === ' ') {
      parts.push(word + ' ');
      word = '';
    } else {
      word += char;
    }
  }
  if (word) parts.push(word);
  return parts;
}

function ellipsize(line: string, maxWidth: number, fontSize: number): string {
  let text = line.trimEnd();
  while (text && textWidth(text + '…', fontSize) > maxWidth) text = text.slice(0, -1).trimEnd();
  return text + '…';
}

/**
 * Greedy line wrapping to `maxWidth`, at most `maxLines` lines; the last line ends with an
 * ellipsis when text is left over. Words longer than a line are cut.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  maxLines: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const parts = breakableParts(text.trim().replace(/\s+/g, ' '));
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (textWidth((line + part).trimEnd(), fontSize) <= maxWidth) {
      line += part;
      continue;
    }
    if (line) {
      lines.push(line.trimEnd());
      line = '';
      if (lines.length === maxLines) {
        lines[maxLines - 1] = ellipsize(lines[maxLines - 1], maxWidth, fontSize);
        return lines;
      }
    }
    // A single part wider than a line: cut it character by character.
    let rest = part;
    while (textWidth(rest.trimEnd(), fontSize) > maxWidth) {
      let cut = '';
      for (const char of rest) {
        if (textWidth(cut + char, fontSize) > maxWidth) break;
        cut += char;
      }
      if (!cut) cut = [...rest][0];
      lines.push(cut);
      rest = rest.slice(cut.length);
      if (lines.length === maxLines) {
        const remaining = rest + parts.slice(i + 1).join('');
        if (remaining.trim()) {
          lines[maxLines - 1] = ellipsize(lines[maxLines - 1], maxWidth, fontSize);
        }
        return lines;
      }
    }
    line = rest;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = ellipsize(kept[maxLines - 1], maxWidth, fontSize);
    return kept;
  }
  return lines;
}
