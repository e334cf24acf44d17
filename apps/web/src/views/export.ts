import { CSV_BOM, csvLine } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart as a standalone SVG document (white background, its own size). */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = copy.getAttribute('viewBox')?.split(/\s+/).map(Number) ?? [];
  if (!copy.getAttribute('width') && box.length === 4) copy.setAttribute('width', String(box[2]));
  if (!copy.getAttribute('height') && box.length === 4) copy.setAttribute('height', String(box[3]));
  copy.querySelector('g.pm-viewport')?.removeAttribute('transform');
  copy.setAttribute('style', 'background:#ffffff');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** Rasterizes the SVG at twice its size on white. */
export async function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  const text = svgText(svg);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const width = Number(doc.getAttribute('width')) || 800;
  const height = Number(doc.getAttribute('height')) || 600;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be rasterized'));
      image.src = url;
    });
    const canvas = el('canvas', { width: width * 2, height: height * 2 });
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) download(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * RFC 4180 CSV for spreadsheets (csv-cells of @onetrip/contracts): a BOM, so that Chinese text
 * reads as UTF-8; numbers rounded; cells that would run as formulas made text.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}

/**
 * The header of a table's CSV in the interface language: each column's key (`tripsPerJourney`)
 * named by the catalogue (`csv.tripsPerJourney`); a header already translated stays as it is.
 */
export function csvHeader(tr: Translator, header: readonly string[]): string[] {
  return header.map((key) => {
    const name = `csv.${key}`;
    return tr.has(name) ? tr.t(name) : key;
  });
}

export function downloadCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  name: string,
): void {
  download(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

/** SVG and PNG buttons for a chart; `what` names it in the buttons' accessible labels. */
export function chartExport(
  tr: Translator,
  what: string,
  name: string,
  svg: () => SVGSVGElement | null,
): HTMLElement {
  const button = (label: string, text: string, action: () => void): HTMLButtonElement =>
    el(
      'button',
      {
        type: 'button',
        class: 'export-button',
        'aria-label': label,
        title: label,
        'data-export': text.toLowerCase(),
        onclick: action,
      },
      text,
    );
  return el(
    'div',
    { class: 'export-buttons' },
    button(tr.t('export.svg', { what }), 'SVG', () => {
      const node = svg();
      if (node) downloadSvg(node, name);
    }),
    button(tr.t('export.png', { what }), 'PNG', () => {
      const node = svg();
      if (node) void downloadPng(node, name);
    }),
  );
}

export function tableExport(
  tr: Translator,
  what: string,
  name: string,
  data: () => { header: string[]; rows: (string | number)[][] },
): HTMLElement {
  const label = tr.t('export.csv', { what });
  return el(
    'button',
    {
      type: 'button',
      class: 'export-button',
      'aria-label': label,
      title: label,
      'data-export': 'csv',
      onclick: () => {
        const { header, rows } = data();
        downloadCsv(csvHeader(tr, header), rows, name);
      },
    },
    'CSV',
  );
}

/** A card with a title, optional caption, export buttons and content. */
export function chartCard(
  options: { title: string; caption?: string; id: string; actions?: HTMLElement[]; wide?: boolean },
  ...content: (Node | null)[]
): HTMLElement {
  return el(
    'section',
    {
      class: options.wide ? 'card chart-card wide' : 'card chart-card',
      'data-card': options.id,
      'aria-labelledby': `${options.id}-title`,
    },
    el(
      'div',
      { class: 'chart-card-header' },
      el('h3', { id: `${options.id}-title` }, options.title),
      el('div', { class: 'chart-card-actions' }, ...(options.actions ?? [])),
    ),
    options.caption ? el('p', { class: 'muted chart-caption' }, options.caption) : null,
    ...content,
  );
}

/**
 * A chart card whose chart downloads as SVG and PNG and whose figures download as CSV, both
 * named `name` (default the card's id); the chart sits in a scrolling frame unless `bare`.
 */
export function chartTableCard(
  tr: Translator,
  options: {
    title: string;
    caption?: string;
    id: string;
    name?: string;
    wide?: boolean;
    bare?: boolean;
  },
  chart: SVGSVGElement,
  table: () => { header: string[]; rows: (string | number)[][] },
  ...content: (Node | null)[]
): HTMLElement {
  const { title, caption, id, wide } = options;
  const name = options.name ?? id;
  return chartCard(
    {
      title,
      id,
      ...(caption === undefined ? {} : { caption }),
      ...(wide === undefined ? {} : { wide }),
      actions: [chartExport(tr, title, name, () => chart), tableExport(tr, title, name, table)],
    },
    options.bare ? chart : el('div', { class: 'chart-scroll' }, chart),
    ...content,
  );
}
