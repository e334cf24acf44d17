/**
 * The queue activities (docs/ingest.md#queue-activities) in the web app: which activities take,
 * call and abandon a hall queue ticket, and whether the file is a one-row-per-ticket export.
 * Confirmed in the upload dialog (renderUploadQueue), changed later beside the run button
 * (renderQueueActivitiesEditor). Names are typed as lists separated by commas, 、 or new lines.
 */
import type {
  DatasetDto,
  QueueActivities,
  QueueRole,
  UploadLayout,
  UploadPreviewDto,
} from '@onetrip/contracts';
import type { UploadOptions } from '../api/client';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { UploadDraft } from '../store/state';
import { el } from './dom';
import { UserInputError } from './errors';

/** The three lists as typed, and the ticket-number column ('' for none: the case id). */
export type QueueDraft = Record<QueueRole | 'ticketNumber', string>;
const EMPTY: QueueDraft = { ticket: '', call: '', abandon: '', ticketNumber: '' };

const ROLES: readonly QueueRole[] = ['ticket', 'call', 'abandon'];
const ROLE_LABELS: Record<QueueRole, MessageKey> = {
  ticket: 'queue.ticket',
  call: 'queue.call',
  abandon: 'queue.abandon',
};

/** The names of one typed list: split on commas (also full-width), 、 and new lines, deduplicated. */
export function queueNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function toDraft(queue: QueueActivities | null | undefined): QueueDraft | null {
  return queue
    ? {
        ticket: queue.ticket.join(', '),
        call: queue.call.join(', '),
        abandon: queue.abandon.join(', '),
        ticketNumber: queue.ticketNumber ?? '',
      }
    : null;
}

/** The layout the upload will use: the user's choice, else the one the preview suggests. */
export function layoutFor(preview: UploadPreviewDto, draft: UploadDraft): UploadLayout {
  return draft.layout ?? preview.suggestedLayout;
}

/**
 * The lists shown: as the user typed them, else the dataset's saved ones, else the suggestion
 * for the rows (one-row-per-ticket layout) or for the column mapped as the activity, else empty.
 */
export function queueDraftFor(preview: UploadPreviewDto, draft: UploadDraft): QueueDraft {
  const suggestionKey = layoutFor(preview, draft) === 'ticket-rows' ? '' : draft.mapping.activity;
  return (
    draft.queueActivities ??
    toDraft(preview.savedQueueActivities) ??
    toDraft(suggestionKey === undefined ? null : preview.suggestedQueueActivities[suggestionKey]) ??
    EMPTY
  );
}

/** Typed lists → queue activities; null when all are empty; an error when only some are given. */
export function parseQueueDraft(queue: QueueDraft): QueueActivities | null | UserInputError {
  const parsed = {
    ticket: queueNames(queue.ticket),
    call: queueNames(queue.call),
    abandon: queueNames(queue.abandon),
  };
  const ticketNumber = queue.ticketNumber.trim();
  if (ROLES.every((role) => parsed[role].length === 0) && ticketNumber === '') return null;
  if (parsed.ticket.length === 0 || parsed.call.length === 0) {
    return new UserInputError('queue.incomplete');
  }
  return ticketNumber === '' ? parsed : { ...parsed, ticketNumber };
}

/** The upload options of the queue section, or the mistake that stops the upload. */
export function confirmUploadQueue(
  preview: UploadPreviewDto,
  draft: UploadDraft,
): Pick<UploadOptions, 'layout' | 'queueActivities'> | UserInputError {
  const typed = queueDraftFor(preview, draft);
  // The case id is the ticket number anyway (always so for one row per ticket).
  const redundant =
    typed.ticketNumber === draft.mapping.caseId || layoutFor(preview, draft) === 'ticket-rows';
  const queue = parseQueueDraft(redundant ? { ...typed, ticketNumber: '' } : typed);
  if (queue instanceof UserInputError) return queue;
  return {
    ...(layoutFor(preview, draft) === 'ticket-rows' ? { layout: 'ticket-rows' as const } : {}),
    ...(queue === null ? {} : { queueActivities: queue }),
  };
}

/**
 * The inputs of a QueueDraft; the ticket-number column is a select of `columns` when given (the
 * upload dialog), else typed (the dataset's settings).
 */
function queueInputs(
  idPrefix: string,
  values: QueueDraft,
  tr: Translator,
  changed: (key: keyof QueueDraft, text: string) => void,
  columns?: readonly string[],
): HTMLElement[] {
  const id = `${idPrefix}-ticketNumber`;
  const ticketNumber = columns
    ? el(
        'select',
        {
          id,
          'data-focus': id,
          'data-queue': 'ticketNumber',
          onchange: (event: Event) =>
            changed('ticketNumber', (event.target as HTMLSelectElement).value),
        },
        el(
          'option',
          { value: '', selected: values.ticketNumber === '' },
          tr.t('queue.ticketNumber.case'),
        ),
        columns.map((c) => el('option', { value: c, selected: values.ticketNumber === c }, c)),
      )
    : el('input', {
        id,
        type: 'text',
        'data-focus': id,
        'data-queue': 'ticketNumber',
        value: values.ticketNumber,
        oninput: (event: Event) =>
          changed('ticketNumber', (event.target as HTMLInputElement).value),
      });
  return [
    ...ROLES.map((role) => {
      const id = `${idPrefix}-${role}`;
      const input = el('input', {
        id,
        type: 'text',
        'data-focus': id,
        'data-queue': role,
        value: values[role],
        oninput: () => changed(role, input.value),
      });
      return el(
        'div',
        { class: 'field' },
        el('label', { for: id }, tr.t(ROLE_LABELS[role])),
        input,
      );
    }),
    el(
      'div',
      { class: 'field' },
      el('label', { for: id }, tr.t('queue.ticketNumber')),
      ticketNumber,
    ),
  ];
}

export interface UploadQueueSection {
  node: HTMLElement;
  /** Shows the lists again after the activity column changed. */
  refresh(): void;
}

/**
 * The upload dialog's queue section: the one-row-per-ticket switch (offered when the headers
 * look like such an export, or when chosen) and the three lists of queue activities.
 */
export function renderUploadQueue(
  preview: UploadPreviewDto,
  getDraft: () => UploadDraft,
  tr: Translator,
  change: (patch: Partial<UploadDraft>) => void,
): UploadQueueSection {
  const box = el('div', { class: 'queue-activities-grid' });
  const refresh = (): void => {
    const draft = getDraft();
    const values = queueDraftFor(preview, draft);
    box.replaceChildren(
      ...queueInputs(
        'upload-queue',
        values,
        tr,
        (key, text) =>
          change({ queueActivities: { ...queueDraftFor(preview, getDraft()), [key]: text } }),
        preview.headers,
      ),
    );
  };
  const offered = preview.format === 'csv' && preview.suggestedLayout === 'ticket-rows';
  const layout = offered
    ? el(
        'div',
        { class: 'choice' },
        el('input', {
          type: 'checkbox',
          id: 'upload-ticket-rows',
          'data-focus': 'upload-ticket-rows',
          checked: layoutFor(preview, getDraft()) === 'ticket-rows',
          onchange: (event: Event) => {
            const checked = (event.target as HTMLInputElement).checked;
            change({ layout: checked ? 'ticket-rows' : 'events' });
            refresh();
          },
        }),
        el('label', { for: 'upload-ticket-rows' }, tr.t('queue.ticketRows')),
        el('p', { class: 'muted' }, tr.t('queue.ticketRows.hint')),
      )
    : null;
  refresh();
  const node = el(
    'fieldset',
    { class: 'queue-activities', 'data-testid': 'queue-activities' },
    el('legend', {}, tr.t('queue.title')),
    layout,
    el('p', { class: 'muted' }, tr.t('queue.hint')),
    box,
  );
  return { node, refresh };
}

/**
 * Typed but unsaved lists per dataset id: the run controls are redrawn on every store change (a
 * run's progress, say), and what the user typed must survive that.
 */
const unsaved = new Map<string, QueueDraft>();

/**
 * The dataset's queue activities, changeable after the upload: three lists and a save button; the
 * next run pairs tickets with them (a new run: its params differ). Always shown, so a dataset
 * uploaded before they existed can have them too.
 */
export function renderQueueActivitiesEditor(
  dataset: DatasetDto,
  tr: Translator,
  save: (queue: QueueActivities | null) => Promise<boolean>,
): HTMLElement {
  let values: QueueDraft = unsaved.get(dataset.id) ?? toDraft(dataset.queueActivities) ?? EMPTY;
  const status = el('span', { class: 'muted', role: 'status', 'data-testid': 'queue-status' });
  const inputs = queueInputs('dataset-queue', values, tr, (key, text) => {
    values = { ...values, [key]: text };
    unsaved.set(dataset.id, values);
    status.textContent = '';
  });
  const button = el(
    'button',
    {
      type: 'button',
      class: 'button-quiet',
      id: 'queue-activities-save',
      onclick: () => {
        const queue = parseQueueDraft(values);
        if (queue instanceof UserInputError) {
          status.textContent = tr.t('queue.incomplete');
          return;
        }
        button.disabled = true;
        void save(queue).then((ok) => {
          if (ok) unsaved.delete(dataset.id);
          button.disabled = false;
          status.textContent = tr.t(ok ? 'queue.saved' : 'queue.saveFailed');
        });
      },
    },
    tr.t('queue.save'),
  );
  return el(
    'details',
    { class: 'queue-activities', 'data-testid': 'dataset-queue-activities' },
    el('summary', {}, tr.t('queue.title')),
    el('p', { class: 'muted' }, tr.t('queue.later.hint')),
    el('div', { class: 'queue-activities-grid' }, inputs),
    el('div', { class: 'form-actions' }, button, status),
  );
}
