import type { ChannelRole, ChannelRoles, DatasetDto, RunParams } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el, progressBar } from './dom';
import { errorBox } from './errors';
import type { RunState } from '../store/state';
import { CHANNEL_ROLE_LABELS, CHANNEL_ROLE_OPTIONS } from './upload';

export function renderRunControls(
  dataset: DatasetDto,
  state: RunState,
  tr: Translator,
  start: (params: RunParams) => void,
): HTMLElement[] {
  const busy =
    state.status === 'starting' || state.status === 'watching' || state.status === 'loadingResult';
  const nodes: HTMLElement[] = [el('p', { class: 'muted' }, tr.t('run.hint'))];
  if (dataset.eventCount === 0) {
    nodes.push(el('p', { class: 'empty-state' }, tr.t('run.noEvents')));
  }
  // Journeys follow citizens when the dataset has a citizen column, else one per case.
  const initial: NonNullable<RunParams['journey']> = dataset.mapping?.citizen
    ? dataset.mapping.service
      ? 'citizen+service'
      : 'citizen'
    : 'case';
  const journey = el(
    'select',
    { id: 'run-journey', 'data-focus': 'run-journey' },
    (['case', 'citizen', 'citizen+service'] as const).map((value) =>
      el('option', { value, selected: value === initial }, tr.t(`run.journey.${value}`)),
    ),
  );
  nodes.push(
    el(
      'label',
      { class: 'control', for: 'run-journey' },
      el('span', { class: 'control-label' }, tr.t('run.journey')),
      journey,
    ),
  );
  nodes.push(
    el(
      'button',
      {
        type: 'button',
        class: 'button-primary',
        id: 'run-start',
        'data-focus': 'run-start',
        disabled: busy || dataset.eventCount === 0,
        onclick: () => start({ journey: journey.value as NonNullable<RunParams['journey']> }),
      },
      state.status === 'done' ? tr.t('run.rerun') : tr.t('run.start'),
    ),
  );
  switch (state.status) {
    case 'starting':
      nodes.push(progressBar(tr.t('run.queued'), null));
      break;
    case 'watching':
      nodes.push(
        state.run.status === 'queued'
          ? progressBar(tr.t('run.queued'), null)
          : progressBar(
              tr.t('run.running', { percent: tr.percent(state.run.progress) }),
              state.run.progress,
            ),
      );
      break;
    case 'loadingResult':
      nodes.push(progressBar(tr.t('run.loadingResult'), 1));
      break;
    case 'error':
      nodes.push(errorBox(state.error, tr, tr.t('run.failed')));
      break;
    case 'done':
      if (state.run.datasetVersion !== dataset.version) {
        nodes.push(el('p', { class: 'notice', role: 'status' }, tr.t('run.stale')));
      }
      nodes.push(
        el(
          'p',
          { class: 'muted run-meta', role: 'status' },
          tr.t('run.finished', { date: tr.dateTime(state.run.finishedAt ?? state.run.createdAt) }),
          state.run.cached ? ` · ${tr.t('run.cached')}` : '',
        ),
      );
      break;
    case 'idle':
      break;
  }
  return nodes;
}

/**
 * The dataset's channel roles, changeable after the upload (docs/ingest.md#channel-roles): a
 * select per saved value and a save button; the next run counts the values set as in person.
 * Nothing when the dataset has no roles yet (they are confirmed in the upload dialog).
 */
export function renderChannelRolesEditor(
  dataset: DatasetDto,
  tr: Translator,
  save: (roles: ChannelRoles) => Promise<boolean>,
): HTMLElement[] {
  const saved = dataset.channelRoles ?? {};
  const values = Object.keys(saved).sort();
  if (values.length === 0) return [];
  const roles: ChannelRoles = { ...saved };
  const status = el('span', {
    class: 'muted',
    role: 'status',
    'data-testid': 'channel-roles-status',
  });
  const fields = values.map((value, i) => {
    const id = `dataset-channel-role-${i}`;
    const select = el(
      'select',
      {
        id,
        'data-channel': value,
        onchange: () => {
          roles[value] = select.value as ChannelRole;
          status.textContent = '';
        },
      },
      CHANNEL_ROLE_OPTIONS.map((role) =>
        el(
          'option',
          { value: role, selected: saved[value] === role },
          tr.t(CHANNEL_ROLE_LABELS[role]),
        ),
      ),
    );
    return el('div', { class: 'field' }, el('label', { for: id }, value), select);
  });
  const button = el(
    'button',
    {
      type: 'button',
      class: 'button-quiet',
      id: 'channel-roles-save',
      onclick: () => {
        button.disabled = true;
        void save({ ...roles }).then((ok) => {
          button.disabled = false;
          status.textContent = tr.t(ok ? 'channels.saved' : 'channels.saveFailed');
        });
      },
    },
    tr.t('channels.save'),
  );
  return [
    el(
      'details',
      { class: 'channel-roles', 'data-testid': 'dataset-channel-roles' },
      el('summary', {}, tr.t('upload.channels')),
      el('p', { class: 'muted' }, tr.t('channels.later.hint')),
      el('div', { class: 'channel-roles-grid' }, fields),
      el('div', { class: 'form-actions' }, button, status),
    ),
  ];
}
