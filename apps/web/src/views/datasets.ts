import type { DatasetDto } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';
import { errorBox } from './errors';
import type { CreateState, DatasetsState, DeleteDatasetState } from '../store/state';

export function renderDatasetList(
  state: DatasetsState,
  selectedId: string | null,
  tr: Translator,
  actions: {
    select: (id: string) => void;
    refresh: () => void;
    deletion: DeleteDatasetState;
    askDelete: (id: string) => void;
    cancelDelete: () => void;
    remove: (id: string) => void;
  },
): HTMLElement {
  const heading = el(
    'div',
    { class: 'section-heading' },
    el('h2', { id: 'datasets-heading' }, tr.t('datasets.title')),
    el(
      'button',
      {
        type: 'button',
        class: 'button-quiet',
        'data-focus': 'datasets-refresh',
        onclick: () => actions.refresh(),
        disabled: state.status === 'loading',
      },
      tr.t('datasets.refresh'),
    ),
  );
  const body: (HTMLElement | null)[] = [];
  if (state.status === 'error') body.push(errorBox(state.error, tr));
  if (state.status === 'loading' && state.items.length === 0) {
    body.push(el('p', { class: 'muted loading', role: 'status' }, tr.t('datasets.loading')));
  } else if (state.status !== 'error' && state.items.length === 0) {
    body.push(el('p', { class: 'empty-state' }, tr.t('datasets.empty')));
  }
  if (state.items.length > 0) {
    body.push(
      el(
        'ul',
        { class: 'dataset-list', 'aria-labelledby': 'datasets-heading' },
        state.items.map((dataset) => datasetItem(dataset, dataset.id === selectedId, tr, actions)),
      ),
    );
  }
  return el(
    'section',
    { class: 'datasets', 'aria-busy': state.status === 'loading' },
    heading,
    body,
  );
}

function datasetItem(
  dataset: DatasetDto,
  selected: boolean,
  tr: Translator,
  actions: Parameters<typeof renderDatasetList>[3],
): HTMLElement {
  const { deletion } = actions;
  const mine = deletion.status !== 'idle' && deletion.id === dataset.id;
  return el(
    'li',
    { class: 'dataset-row' },
    el(
      'button',
      {
        type: 'button',
        class: selected ? 'dataset-item selected' : 'dataset-item',
        'aria-current': selected ? 'true' : null,
        'data-focus': `dataset-${dataset.id}`,
        'data-dataset-id': dataset.id,
        onclick: () => actions.select(dataset.id),
      },
      el('span', { class: 'dataset-name' }, dataset.name),
      el(
        'span',
        { class: 'dataset-meta' },
        tr.t('datasets.events', { count: tr.number(dataset.eventCount) }),
      ),
    ),
    mine && deletion.status !== 'error'
      ? el(
          'div',
          { class: 'dataset-delete-confirm', role: 'alertdialog', 'aria-live': 'assertive' },
          el('p', {}, tr.t('datasets.delete.confirm', { name: dataset.name })),
          el(
            'button',
            {
              type: 'button',
              class: 'button-quiet button-danger',
              'data-focus': `dataset-delete-yes-${dataset.id}`,
              'data-delete-confirm': dataset.id,
              disabled: deletion.status === 'deleting',
              onclick: () => actions.remove(dataset.id),
            },
            tr.t(
              deletion.status === 'deleting' ? 'datasets.delete.deleting' : 'datasets.delete.yes',
            ),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'button-quiet',
              disabled: deletion.status === 'deleting',
              onclick: () => actions.cancelDelete(),
            },
            tr.t('datasets.delete.no'),
          ),
        )
      : el(
          'button',
          {
            type: 'button',
            class: 'button-quiet button-danger dataset-delete',
            'data-focus': `dataset-delete-${dataset.id}`,
            'data-delete': dataset.id,
            'aria-label': tr.t('datasets.delete.label', { name: dataset.name }),
            onclick: () => actions.askDelete(dataset.id),
          },
          tr.t('datasets.delete'),
        ),
    mine && deletion.status === 'error' ? errorBox(deletion.error, tr) : null,
  );
}

/** The create form is built once per render of the shell, so typing is never interrupted. */
export function renderCreateForm(
  tr: Translator,
  create: (name: string, description: string) => void,
): { form: HTMLFormElement; status: HTMLElement } {
  const status = el('div', { class: 'form-status', 'aria-live': 'polite' });
  const name = el('input', {
    id: 'dataset-name',
    name: 'name',
    type: 'text',
    required: true,
    maxlength: 200,
    autocomplete: 'off',
    placeholder: tr.t('datasets.create.namePlaceholder'),
  });
  const description = el('input', {
    id: 'dataset-description',
    name: 'description',
    type: 'text',
    maxlength: 1000,
    autocomplete: 'off',
  });
  const form = el(
    'form',
    {
      class: 'create-form card',
      'aria-labelledby': 'create-heading',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        create(name.value.trim(), description.value.trim());
      },
    },
    el('h2', { id: 'create-heading' }, tr.t('datasets.create.title')),
    el('label', { for: 'dataset-name' }, tr.t('datasets.create.name')),
    name,
    el('label', { for: 'dataset-description' }, tr.t('datasets.create.description')),
    description,
    el(
      'button',
      { type: 'submit', class: 'button-primary', id: 'create-dataset' },
      tr.t('datasets.create.submit'),
    ),
    status,
  );
  return { form, status };
}

export function renderCreateStatus(state: CreateState, tr: Translator): HTMLElement[] {
  if (state.status === 'creating') return [el('p', { class: 'muted' }, '…')];
  if (state.status === 'error') return [errorBox(state.error, tr)];
  return [];
}
