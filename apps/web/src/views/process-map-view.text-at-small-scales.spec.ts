/**
 * Issue 16: map labels at "fit" zoom and swimlane headers (about 6 px) were unreadable. Below
 * 9 px on screen the transition labels are hidden; lane headers grow in map units to stay 11 px.
 */
import { compactNodeLabel, mapTextAt, placeLabels } from './process-map-view';
import { textWidth } from '../charts/text';

describe('the map text at a scale', () => {
  it('keeps everything at full size and above', () => {
    expect(mapTextAt(1)).toEqual({ hideEdgeLabels: false, laneFontPx: 11, nodeFontPx: null });
    expect(mapTextAt(2)).toEqual({ hideEdgeLabels: false, laneFontPx: 11, nodeFontPx: null });
  });

  it('hides transition labels once 11 px would be drawn below 9 px, and grows lane headers', () => {
    expect(mapTextAt(0.85)).toEqual({
      hideEdgeLabels: false,
      laneFontPx: 11 / 0.85,
      nodeFontPx: null, // 13 px names at 0.85 are 11 px on screen
    });
    const fit = mapTextAt(0.55); // a large map fitted whole: 6 px text
    expect(fit.hideEdgeLabels).toBe(true);
    expect(fit.laneFontPx * 0.55).toBeCloseTo(11, 9);
  });

  it('treats a scale it cannot use as 1', () => {
    expect(mapTextAt(0)).toEqual({ hideEdgeLabels: false, laneFontPx: 11, nodeFontPx: null });
    expect(mapTextAt(Number.NaN)).toEqual({
      hideEdgeLabels: false,
      laneFontPx: 11,
      nodeFontPx: null,
    });
  });

  it('draws activity names at 10 px on screen once their 13 px would fall below that', () => {
    expect(mapTextAt(0.77).nodeFontPx).toBeNull(); // 10.01 px on screen
    expect(mapTextAt(0.5).nodeFontPx).toBe(20); // 20 map units × 0.5 = 10 px
    expect(mapTextAt(0.25).nodeFontPx).toBe(40);
  });
});

describe('an activity name on a map shown small', () => {
  const box = { width: 140, height: 56 };

  it('keeps a name that fits whole, on one line', () => {
    expect(compactNodeLabel('受理', box, 20)).toEqual({
      lines: ['受理'],
      fontPx: 20,
      floating: false,
    });
  });

  it('wraps a name over the lines the box holds when it fits whole', () => {
    // (56 − 6) / 24 = 2 lines of 20 px; (140 − 12) / 20 = 6 Chinese characters a line.
    expect(compactNodeLabel('不动产登记申请材料', box, 20)).toEqual({
      lines: ['不动产登记申', '请材料'],
      fontPx: 20,
      floating: false,
    });
  });

  it('floats a name the box would cut, as one line of 8 ems', () => {
    const label = compactNodeLabel('不动产登记申请材料受理审核', box, 20);
    expect(label).toEqual({ lines: ['不动产登记申请…'], fontPx: 20, floating: true });
    expect(textWidth(label.lines[0], 20)).toBeLessThanOrEqual(8 * 20);
  });

  it('floats one line of at most 8 ems over the map when the box is too low for a line', () => {
    // 50 map units of text (10 px at scale 0.2) in a 56-unit box: 60 > 50 units of room.
    expect(compactNodeLabel('受理', box, 50)).toEqual({
      lines: ['受理'],
      fontPx: 50,
      floating: true,
    });
    const long = compactNodeLabel('不动产登记申请材料受理审核', box, 50);
    expect(long.lines).toEqual(['不动产登记申请…']); // 7 characters and the ellipsis: 8 ems
  });
});

describe('floating names placed without overlap', () => {
  const at = (id: string, x: number, priority: number) => ({
    id,
    x,
    y: 0,
    width: 100,
    height: 20,
    priority,
  });

  it('keeps the more frequent of two overlapping names, and every name clear of the others', () => {
    const shown = placeLabels([at('a', 0, 5), at('b', 60, 9), at('c', 130, 1), at('d', 240, 2)]);
    // b (9) first; a overlaps b (60 < 100 apart) and goes; c is 70 from b: overlaps, goes; d is clear.
    expect([...shown].sort()).toEqual(['b', 'd']);
  });

  it('leaves out a floating name that would cover a name drawn in its box', () => {
    expect([...placeLabels([at('a', 0, 9), at('b', 300, 1)], [at('fixed', 50, 0)])]).toEqual(['b']);
  });

  it('places names that only touch', () => {
    expect([...placeLabels([at('a', 0, 1), at('b', 100, 1)])].sort()).toEqual(['a', 'b']);
  });
});
