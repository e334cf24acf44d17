import { textWidth, wrapText } from './text';

describe('textWidth', () => {
  it('counts CJK characters as a full em and Latin letters narrower', () => {
    expect(textWidth('受理', 10)).toBe(20);
    expect(textWidth('ab', 10)).toBeCloseTo(12.2);
    expect(textWidth('', 10)).toBe(0);
  });
});

describe('wrapText', () => {
  it('keeps short text on one line', () => {
    expect(wrapText('Review', 100, 12, 2)).toEqual(['Review']);
  });

  it('breaks Latin text between words', () => {
    expect(wrapText('Check completeness of documents', 110, 12, 3)).toEqual([
      'Check',
      'completeness of',
      'documents',
    ]);
  });

  it('breaks Chinese text between any two characters', () => {
    expect(wrapText('窗口受理并核验材料', 48, 12, 3)).toEqual(['窗口受理', '并核验材', '料']);
  });

  it('ends the last allowed line with an ellipsis when text is left over', () => {
    const lines = wrapText('窗口受理并核验材料', 48, 12, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(textWidth(lines[1], 12)).toBeLessThanOrEqual(48);
  });

  it('cuts a word longer than a line', () => {
    const lines = wrapText('Supercalifragilistic', 60, 12, 3);
    expect(lines.join('')).toBe('Supercalifragilistic');
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(60);
  });
});
