import * as d3 from 'd3';
import { FONT_FAMILY, MUTED } from './palette';
import { textWidth } from './text';

export type Svg = d3.Selection<SVGSVGElement, undefined, null, undefined>;

/** A sized, labelled root `<svg>` every chart starts from. */
export function chartRoot(
  className: string,
  width: number,
  height: number,
  ariaLabel: string,
  fontSize: number,
): Svg {
  return d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', className)
    .attr('role', 'img')
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', fontSize)
    .attr('aria-label', ariaLabel)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`);
}

/** The chart's message instead of a chart, when there is nothing to draw. */
export function emptyChart(
  className: string,
  width: number,
  label: string,
  fontSize: number,
): SVGSVGElement {
  const svg = chartRoot(className, width, 48, label, fontSize);
  svg
    .append('text')
    .attr('class', 'chart-empty')
    .attr('x', width / 2)
    .attr('y', 28)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .text(label);
  return svg.node() as SVGSVGElement;
}

/** Cuts `text` to fit `maxWidth`, ending in an ellipsis when cut. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let cut = text;
  while (cut && textWidth(cut + '…', fontSize) > maxWidth) cut = cut.slice(0, -1);
  return cut.trimEnd() + '…';
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fails fast on a non-finite or negative figure, naming the chart and the datum. */
export function checkValue(chart: string, label: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${chart}: ${label} has value ${value}; expected a finite number ≥ 0`);
  }
}
