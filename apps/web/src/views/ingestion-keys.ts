import type { CreatedIngestionKeyDto, IngestionKeyDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { Translator } from '../i18n/i18n';
import { el, replaceContent } from './dom';
import { errorBox } from './errors';

export interface KeysPanel {
  readonly root: HTMLElement;
  /** Draws the panel in the given language (the panel keeps its state across languages). */
  render(tr: Translator): void;
}

/** The push example, one line: what a system's operator pastes into a terminal. */
export function curlExample(eventsUrl: string, key: string): string {
  return (
    `curl -H "Authorization: Bearer ${key}" -H "Content-Type: application/x-ndjson" ` +
    `--data-binary @events.ndjson ${eventsUrl}`
  );
}

/**
 * A dataset's ingestion keys for the NDJSON push endpoint: create (the key is shown once, with a
 * copy button), list and revoke. The panel holds its own small state: a created key must survive
 * a language switch, but nothing else in the app needs it.
 */
export function createKeysPanel(api: ApiClient, datasetId: string): KeysPanel {
  const root = el('section', {
    class: 'card keys-card',
    'aria-labelledby': 'keys-heading',
    'data-testid': 'ingestion-keys',
  });
  let tr: Translator | null = null;
  let items: IngestionKeyDto[] = [];
  let loading = true;
  let busy = false;
  let error: unknown = null;
  let created: CreatedIngestionKeyDto | null = null;
  let copied = false;
  let pendingRevoke: string | null = null;
  let name = '';
  let focusAfter: string | null = null;

  const update = (): void => {
    if (tr) draw(tr);
  };

  async function load(): Promise<void> {
    try {
      items = await api.listIngestionKeys(datasetId);
      error = null;
    } catch (e) {
      error = e;
    }
    loading = false;
    update();
  }

  async function create(): Promise<void> {
    busy = true;
    error = null;
    update();
    try {
      created = await api.createIngestionKey(datasetId, name.trim() || undefined);
      copied = false;
      name = '';
      items = [created, ...items.filter((k) => k.id !== created?.id)];
      focusAfter = 'key-copy';
    } catch (e) {
      error = e;
    }
    busy = false;
    update();
  }

  async function revoke(keyId: string): Promise<void> {
    busy = true;
    error = null;
    update();
    try {
      await api.revokeIngestionKey(datasetId, keyId);
      const now = new Date().toISOString();
      items = items.map((k) => (k.id === keyId ? { ...k, revokedAt: k.revokedAt ?? now } : k));
      if (created?.id === keyId) created = null;
      focusAfter = 'key-name';
    } catch (e) {
      error = e;
    }
    pendingRevoke = null;
    busy = false;
    update();
  }

  async function copy(input: HTMLInputElement): Promise<void> {
    const key = input.value;
    try {
      await navigator.clipboard.writeText(key);
    } catch {
      // No clipboard API (plain HTTP on an intranet): select the text and use the old command.
      input.select();
      document.execCommand('copy');
    }
    copied = true;
    focusAfter = 'key-copy';
    update();
  }

  function createdBox(t: Translator, key: CreatedIngestionKeyDto): HTMLElement {
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
            onclick: () => void copy(value),
          },
          copied ? t.t('keys.copied') : t.t('keys.copy'),
        ),
      ),
      el('p', { class: 'muted' }, t.t('keys.example.now')),
      el('pre', { class: 'curl' }, el('code', {}, curlExample(api.eventsUrl(datasetId), key.key))),
      el(
        'button',
        {
          type: 'button',
          class: 'button-quiet',
          id: 'key-dismiss',
          onclick: () => {
            created = null;
            focusAfter = 'key-name';
            update();
          },
        },
        t.t('keys.dismiss'),
      ),
    );
  }

  function keyRow(t: Translator, key: IngestionKeyDto): HTMLElement {
    const revoked = key.revokedAt !== null;
    let action: Node;
    if (revoked) {
      action = el(
        'span',
        { class: 'badge badge-revoked' },
        t.t('keys.revokedOn', { date: t.dateTime(key.revokedAt ?? '') }),
      );
    } else if (pendingRevoke === key.id) {
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
            onclick: () => void revoke(key.id),
          },
          t.t('keys.revoke.yes'),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'button-quiet',
            onclick: () => {
              pendingRevoke = null;
              focusAfter = `key-revoke-${key.id}`;
              update();
            },
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
          onclick: () => {
            pendingRevoke = key.id;
            focusAfter = `key-revoke-yes-${key.id}`;
            update();
          },
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

  function draw(t: Translator): void {
    const nameInput = el('input', {
      id: 'key-name',
      type: 'text',
      maxlength: 200,
      autocomplete: 'off',
      value: name,
      'data-focus': 'key-name',
      placeholder: t.t('keys.name.placeholder'),
      oninput: () => {
        name = nameInput.value;
      },
    });
    const active = items.filter((k) => k.revokedAt === null);
    replaceContent(
      root,
      el('h2', { id: 'keys-heading' }, t.t('keys.title')),
      el('p', { class: 'muted' }, t.t('keys.hint')),
      ...(created ? [createdBox(t, created)] : []),
      el(
        'form',
        {
          class: 'key-create',
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            void create();
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
              disabled: busy,
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
                  items.map((key) => keyRow(t, key)),
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
                el('code', {}, curlExample(api.eventsUrl(datasetId), '$KEY')),
              ),
            ),
          ]),
    );
    if (focusAfter) {
      root.querySelector<HTMLElement>(`[data-focus="${focusAfter}"]`)?.focus();
      focusAfter = null;
    }
  }

  void load();
  return {
    root,
    render(t) {
      tr = t;
      draw(t);
    },
  };
}
