/**
 * Shared look of every chart. Colours are chosen to stay distinguishable with any common
 * colour-vision deficiency: categories use the Okabe–Ito palette, quantities single-hue ramps
 * that change in lightness; and no chart tells anything by colour alone (figures are printed).
 */
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

/** Okabe–Ito, without black; in the order categories are assigned. */
export const CATEGORICAL = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#999999',
] as const;

/** Fixed colours for the channels citizens use, so a channel looks the same in every chart. */
const CHANNEL_COLORS: Readonly<Record<string, string>> = {
  online: '#0072b2',
  web: '#0072b2',
  app: '#56b4e9',
  mobile: '#56b4e9',
  hall: '#e69f00',
  counter: '#e69f00',
  back_office: '#009e73',
  'back office': '#009e73',
  backoffice: '#009e73',
  hotline: '#cc79a7',
  phone: '#cc79a7',
  post: '#999999',
  mail: '#999999',
};

/** A channel's colour: a fixed one for the usual channels, else by position in `known`. */
export function channelColor(channel: string, known: readonly string[] = []): string {
  const fixed = CHANNEL_COLORS[channel.trim().toLowerCase()];
  if (fixed) return fixed;
  const index = known.indexOf(channel);
  return CATEGORICAL[(index < 0 ? 7 : index + 5) % CATEGORICAL.length];
}

/** Blues for counts, light to dark. */
export const COUNT_RAMP = ['#deebf7', '#2b6cb0'] as const;
/** Oranges to a dark red-brown for waiting times (lightness carries the value). */
export const WAIT_RAMP = ['#fff1dc', '#a63603'] as const;

export const INK = '#1a202c';
export const MUTED = '#4a5568';
export const GRID = '#e2e8f0';
export const TRACK = '#e8eef5';
export const ACCENT = '#2b6cb0';
export const HIGHLIGHT = '#d55e00';
