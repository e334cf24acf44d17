/**
 * Issue 16: map labels at "fit" zoom and swimlane headers (about 6 px) were unreadable. Below
 * 9 px on screen the transition labels are hidden; lane headers grow in map units to stay 11 px.
 */
import { mapTextAt } from './process-map-view';

describe('the map text at a scale', () => {
  it('keeps everything at full size and above', () => {
    expect(mapTextAt(1)).toEqual({ hideEdgeLabels: false, laneFontPx: 11 });
    expect(mapTextAt(2)).toEqual({ hideEdgeLabels: false, laneFontPx: 11 });
  });

  it('hides transition labels once 11 px would be drawn below 9 px, and grows lane headers', () => {
    expect(mapTextAt(0.85)).toEqual({ hideEdgeLabels: false, laneFontPx: 11 / 0.85 });
    const fit = mapTextAt(0.55); // a large map fitted whole: 6 px text
    expect(fit.hideEdgeLabels).toBe(true);
    expect(fit.laneFontPx * 0.55).toBeCloseTo(11, 9);
  });

  it('treats a scale it cannot use as 1', () => {
    expect(mapTextAt(0)).toEqual({ hideEdgeLabels: false, laneFontPx: 11 });
    expect(mapTextAt(Number.NaN)).toEqual({ hideEdgeLabels: false, laneFontPx: 11 });
  });
});
