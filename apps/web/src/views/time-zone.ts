import type { DatasetDto } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';

/** Zones offered first; any IANA zone the browser knows may be typed. */
const COMMON_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'UTC'];

/** True for a zone the browser's Intl knows. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zoneChoices(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] })
    .supportedValuesOf;
  const all = supported ? supported('timeZone') : [];
  return [...new Set([...COMMON_ZONES, ...all])];
}

/**
 * The dataset's time zone, changeable: times of events are shown and counted (hour of day,
 * weekday, month) in it; a change applies to the next run and to later uploads' timestamps
 * without an offset, not to the instants already stored (said beside the field).
 */
export function renderTimeZoneEditor(
  dataset: DatasetDto,
  tr: Translator,
  save: (timezone: string) => Promise<boolean>,
): HTMLElement {
  const status = el('span', { class: 'muted', role: 'status', 'data-testid': 'time-zone-status' });
  const input = el('input', {
    id: 'dataset-time-zone',
    type: 'text',
    list: 'dataset-time-zones',
    value: dataset.timezone,
    autocomplete: 'off',
    spellcheck: 'false',
    oninput: () => (status.textContent = ''),
  });
  const button = el(
    'button',
    {
      type: 'button',
      class: 'button-quiet',
      id: 'time-zone-save',
      onclick: () => {
        const zone = input.value.trim();
        if (!isKnownTimeZone(zone)) {
          status.textContent = tr.t('timeZone.invalid', { zone });
          return;
        }
        button.disabled = true;
        void save(zone).then((ok) => {
          button.disabled = false;
          status.textContent = tr.t(ok ? 'timeZone.saved' : 'timeZone.saveFailed');
        });
      },
    },
    tr.t('timeZone.save'),
  );
  return el(
    'details',
    { class: 'time-zone', 'data-testid': 'dataset-time-zone' },
    el('summary', {}, tr.t('timeZone.title', { zone: dataset.timezone })),
    el('p', { class: 'muted' }, tr.t('timeZone.hint')),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'dataset-time-zone' }, tr.t('timeZone.label')),
      input,
      el(
        'datalist',
        { id: 'dataset-time-zones' },
        zoneChoices().map((zone) => el('option', { value: zone })),
      ),
    ),
    el('div', { class: 'form-actions' }, button, status),
  );
}
