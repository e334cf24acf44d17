import type { CreatedIngestionKeyDto, IngestionKeyDto } from '@onetrip/contracts';
import type { KeysActions } from '../controllers/ingestion-keys';
import type { Translator } from '../i18n/i18n';
import type { KeysState } from '../store/state';
import { el } from './dom';
import { errorBox } from './errors';

/** The push example, one line: what a system's operator pastes into a terminal. */
export function curlExample(eventsUrl: string, key: string): string {
  return (
    `curl -H "Authorization: Bearer ${key}" -H "Content-Type: application/x-ndjson" ` +
    `--data-binary @events.ndjson ${eventsUrl}`
  );
}

function createdBox(
  t: Translator,
  keys: KeysState,
  key: CreatedIngestionKeyDto,
  actions: KeysActions,
): HTMLElement {
  const value = el('input', {
    id: 'created-key-value',
    type: 'text',
    readonly: true,
    value: key.key,
    spellcheck: 'false',
    autocomplete: 'off',
    onfocus: () => value.select(),
  });
  return el(
    'div',
    { class: 'key-created', 'data-testid': 'created-key' },
    el(
      'p',
      { class: 'key-warning', role: 'alert' },
      el('strong', {}, t.t('keys.created.title')),
      ' ',
      t.t('keys.created.once'),
    ),
    el(
      'label',
      { for: 'created-key-value' },
      t.t('keys.created.label', { name: key.name ?? key.prefix }),
    ),
    el(
      'div',
      { class: 'key-value' },
      value,
      el(
        'button',
        {
          type: 'button',
          class: 'button-primary',
          id: 'key-copy',
          'data-focus': 'key-copy',
          onclick: () =>
            void actions.copy(key.key, () => {
              value.select();
              document.execCommand('copy');
            }),
        },
        keys.copied ? t.t('keys.copied') : t.t('keys.copy'),
      ),
    ),
    el('p', { class: 'muted' }, t.t('keys.example.now')),
    el(
      'pre',
      { class: 'curl' },
      el('code', {}, curlExample(actions.eventsUrl(keys.datasetId), key.key)),
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'button-quiet',
        id: 'key-dismiss',
        onclick: () => actions.dismiss(),
      },
      t.t('keys.dismiss'),
    ),
  );
}

function keyRow(
  t: Translator,
  keys: KeysState,
  key: IngestionKeyDto,
  actions: KeysActions,
): HTMLElement {
  const { busy } = keys;
  const revoked = key.revokedAt !== null;
  let action: Node;
  if (revoked) {
    action = el(
      'span',
      { class: 'badge badge-revoked' },
      t.t('keys.revokedOn', { date: t.dateTime(key.revokedAt ?? '') }),
    );
  } else if (keys.pendingRevoke === key.id) {
    action = el(
      'span',
      { class: 'revoke-confirm' },
      el('span', {}, t.t('keys.revoke.confirm')),
      el(
        'button',
        {
          type: 'button',
          class: 'button-quiet button-danger',
          'data-focus': `key-revoke-yes-${key.id}`,
          'data-revoke-confirm': key.id,
          disabled: busy,
          onclick: () => void actions.revoke(key.id),
        },
        t.t('keys.revoke.yes'),
      ),
      el(
        'button',
        {
          type: 'button',
          class: 'button-quiet',
          onclick: () => actions.cancelRevoke(key.id),
        },
        t.t('keys.revoke.no'),
      ),
    );
  } else {
    action = el(
      'button',
      {
        type: 'button',
        class: 'button-quiet button-danger',
        'data-focus': `key-revoke-${key.id}`,
        'data-revoke': key.id,
        'aria-label': t.t('keys.revoke.label', { key: key.name ?? key.prefix }),
        disabled: busy,
        onclick: () => actions.askRevoke(key.id),
      },
      t.t('keys.revoke'),
    );
  }
  return el(
    'tr',
    { class: revoked ? 'revoked' : null, 'data-key-id': key.id },
    el('td', {}, key.name ?? el('span', { class: 'muted' }, t.t('keys.unnamed'))),
    el('td', {}, el('code', {}, `${key.prefix}…`)),
    el('td', { class: 'num' }, t.dateTime(key.createdAt)),
    el('td', { class: 'num' }, key.lastUsedAt ? t.dateTime(key.lastUsedAt) : t.t('keys.never')),
    el('td', {}, action),
  );
}

/**
 * A dataset's ingestion keys for the NDJSON push endpoint: create (the key is shown once, with a
 * copy button), list and revoke. Drawn from the store's `keys` (controllers/ingestion-keys.ts).
 */
export function renderKeysPanel(t: Translator, keys: KeysState, actions: KeysActions): HTMLElement {
  const { items, loading, error, created } = keys;
  const nameInput = el('input', {
    id: 'key-name',
    type: 'text',
    maxlength: 200,
    autocomplete: 'off',
    value: keys.name,
    'data-focus': 'key-name',
    placeholder: t.t('keys.name.placeholder'),
    oninput: () => {
      actions.typeName(nameInput.value);
    },
  });
  const active = items.filter((k) => k.revokedAt === null);
  return el(
    'section',
    { class: 'card keys-card', 'aria-labelledby': 'keys-heading', 'data-testid': 'ingestion-keys' },
    el('h2', { id: 'keys-heading' }, t.t('keys.title')),
    el('p', { class: 'muted' }, t.t('keys.hint')),
    ...(created ? [createdBox(t, keys, created, actions)] : []),
    el(
      'form',
      {
        class: 'key-create',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void actions.create();
        },
      },
      el('label', { for: 'key-name' }, t.t('keys.name')),
      el(
        'div',
        { class: 'inline-field' },
        nameInput,
        el(
          'button',
          {
            type: 'submit',
            class: 'button-primary',
            id: 'key-create',
            'data-focus': 'key-create',
            disabled: keys.busy,
          },
          t.t('keys.create'),
        ),
      ),
    ),
    ...(error ? [errorBox(error, t)] : []),
    loading
      ? el('p', { class: 'muted loading' }, t.t('state.loading'))
      : items.length === 0
        ? el('p', { class: 'empty-state' }, t.t('keys.empty'))
        : el(
            'div',
            { class: 'table-wrap' },
            el(
              'table',
              { class: 'data-table keys-table' },
              el(
                'caption',
                {},
                t.t('keys.list', {
                  active: t.number(active.length),
                  total: t.number(items.length),
                }),
              ),
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', { scope: 'col' }, t.t('keys.col.name')),
                  el('th', { scope: 'col' }, t.t('keys.col.key')),
                  el('th', { scope: 'col' }, t.t('keys.col.created')),
                  el('th', { scope: 'col' }, t.t('keys.col.lastUsed')),
                  el(
                    'th',
                    { scope: 'col' },
                    el('span', { class: 'visually-hidden' }, t.t('keys.col.action')),
                  ),
                ),
              ),
              el(
                'tbody',
                {},
                items.map((key) => keyRow(t, keys, key, actions)),
              ),
            ),
          ),
    ...(created
      ? []
      : [
          el(
            'details',
            { class: 'curl-example' },
            el('summary', {}, t.t('keys.example')),
            el(
              'pre',
              { class: 'curl' },
              el('code', {}, curlExample(actions.eventsUrl(keys.datasetId), '$KEY')),
            ),
          ),
        ]),
  );
}
