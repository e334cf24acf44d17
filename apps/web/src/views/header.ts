import { LOCALES, LOCALE_NAMES, type Locale, type Translator } from '../i18n/i18n';
import { el } from './dom';

/** `openAudit` is given for admins only: the header's link to the audit log. */
export function renderHeader(
  tr: Translator,
  onLocale: (locale: Locale) => void,
  openAudit?: () => void,
): HTMLElement {
  const select = el(
    'select',
    {
      id: 'locale-select',
      'data-focus': 'locale',
      onchange: (event: Event) => onLocale((event.target as HTMLSelectElement).value as Locale),
    },
    LOCALES.map((locale) =>
      el(
        'option',
        { value: locale, selected: locale === tr.locale, lang: locale },
        LOCALE_NAMES[locale],
      ),
    ),
  );
  return el(
    'header',
    { class: 'app-header' },
    el('a', { class: 'skip-link', href: '#main' }, tr.t('app.skip')),
    el(
      'div',
      { class: 'brand' },
      el('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      el('span', { class: 'brand-name' }, tr.t('app.title')),
      el('span', { class: 'brand-tagline' }, tr.t('app.tagline')),
    ),
    openAudit
      ? el(
          'nav',
          { class: 'header-nav', 'aria-label': tr.t('header.audit') },
          el(
            'button',
            { type: 'button', id: 'open-audit', class: 'link', onclick: openAudit },
            tr.t('header.audit'),
          ),
        )
      : null,
    el(
      'label',
      { class: 'locale-switch', for: 'locale-select' },
      el('span', { class: 'locale-label' }, tr.t('app.locale')),
      select,
    ),
  );
}
