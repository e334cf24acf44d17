import * as d3 from 'd3';
import type { Variant } from '@onetrip/contracts';
import { textWidth } from './text';

export interface VariantsData {
  variants: readonly Variant[];
  /** Cases (or journeys) in the log: the 100 % of the coverage figures. */
  total: number;
}

export interface VariantsOptions {
  /** Most variants listed, most frequent first. */
  maxVariants: number;
  width: number;
  formatCount: (count: number) => string;
  formatShare: (share: number) => string;
  ariaLabel: (shown: number, total: number) => string;
  emptyLabel: string;
  fontFamily: string;
  fontSize: number;
  rowHeight: number;
  barHeight: number;
  margin: number;
  /** Width of the rank column (#1, #2 …). */
  rankWidth: number;
  /** Room right of the longest bar for its figures. */
  figureWidth: number;
  separator: string;
  barColor: string;
  trackColor: string;
  labelColor: string;
  mutedColor: string;
}

export const VARIANTS_DEFAULTS: VariantsOptions = {
  maxVariants: 10,
  width: 720,
  formatCount: (count) => String(count),
  formatShare: (share) => `${Math.round(share * 100)}%`,
  ariaLabel: (shown, total) => `The ${shown} most common of ${total} variants`,
  emptyLabel: 'No variants to show.',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif',
  fontSize: 12,
  rowHeight: 46,
  barHeight: 12,
  margin: 8,
  rankWidth: 34,
  figureWidth: 110,
  separator: ' → ',
  barColor: '#2b6cb0',
  trackColor: '#e8eef5',
  labelColor: '#1a202c',
  mutedColor: '#4a5568',
};

/** Cuts `text` to fit `maxWidth`, ending in an ellipsis when cut. */
function truncateToWidth(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let cut = text;
  while (cut && textWidth(cut + '…', fontSize) > maxWidth) cut = cut.slice(0, -1);
  return cut.trimEnd() + '…';
}

/**
 * The most common variants (activity sequences) as a ranked bar list: the sequence on one line,
 * a bar of its case count under it, count and share of all cases beside the bar. Pure.
 */
export function variantsChart(
  data: VariantsData,
  options: Partial<VariantsOptions> = {},
): SVGSVGElement {
  const o: VariantsOptions = { ...VARIANTS_DEFAULTS, ...options };
  if (!(o.maxVariants >= 1)) {
    throw new Error(`variantsChart: maxVariants must be ≥ 1, got ${o.maxVariants}`);
  }
  const variants = [...data.variants]
    .sort(
      (a, b) =>
        b.count - a.count || (a.activities.join('\u0000') < b.activities.join('\u0000') ? -1 : 1),
    )
    .slice(0, o.maxVariants);
  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'variants-chart')
    .attr('role', 'img')
    .attr('font-family', o.fontFamily)
    .attr('font-size', o.fontSize)
    .attr('aria-label', o.ariaLabel(variants.length, data.variants.length));

  if (variants.length === 0) {
    svg
      .attr('width', o.width)
      .attr('height', 40)
      .attr('viewBox', `0 0 ${o.width} 40`)
      .append('text')
      .attr('x', o.width / 2)
      .attr('y', 24)
      .attr('text-anchor', 'middle')
      .attr('fill', o.mutedColor)
      .text(o.emptyLabel);
    return svg.node() as SVGSVGElement;
  }

  const height = 2 * o.margin + variants.length * o.rowHeight;
  svg.attr('width', o.width).attr('height', height).attr('viewBox', `0 0 ${o.width} ${height}`);
  const left = o.margin + o.rankWidth;
  const barMax = o.width - left - o.margin - o.figureWidth;
  const x = d3.scaleLinear().domain([0, variants[0].count]).range([0, barMax]);
  const total = Math.max(1, data.total);

  variants.forEach((variant, i) => {
    const top = o.margin + i * o.rowHeight;
    const sequence = variant.activities.join(o.separator);
    const row = svg.append('g').attr('class', 'variant').attr('transform', `translate(0,${top})`);
    row
      .append('title')
      .text(
        `${sequence}: ${o.formatCount(variant.count)} (${o.formatShare(variant.count / total)})`,
      );
    row
      .append('text')
      .attr('class', 'variant-rank')
      .attr('x', o.margin)
      .attr('y', 15)
      .attr('font-weight', 600)
      .attr('fill', o.mutedColor)
      .text(`#${i + 1}`);
    row
      .append('text')
      .attr('class', 'variant-sequence')
      .attr('x', left)
      .attr('y', 15)
      .attr('fill', o.labelColor)
      .text(truncateToWidth(sequence, o.width - left - o.margin, o.fontSize));
    const barTop = 22;
    row
      .append('rect')
      .attr('x', left)
      .attr('y', barTop)
      .attr('width', barMax)
      .attr('height', o.barHeight)
      .attr('rx', 3)
      .attr('fill', o.trackColor);
    row
      .append('rect')
      .attr('class', 'variant-bar')
      .attr('x', left)
      .attr('y', barTop)
      .attr('width', Math.max(2, x(variant.count)))
      .attr('height', o.barHeight)
      .attr('rx', 3)
      .attr('fill', o.barColor);
    row
      .append('text')
      .attr('class', 'variant-figures')
      .attr('x', left + barMax + 8)
      .attr('y', barTop + o.barHeight / 2)
      .attr('dominant-baseline', 'central')
      .attr('fill', o.labelColor)
      .call((text) => {
        text.append('tspan').attr('font-weight', 600).text(o.formatCount(variant.count));
        text
          .append('tspan')
          .attr('fill', o.mutedColor)
          .text(` · ${o.formatShare(variant.count / total)}`);
      });
  });
  return svg.node() as SVGSVGElement;
}
