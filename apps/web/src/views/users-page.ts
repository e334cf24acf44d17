import type { UserAdminDto, UserRole } from '@onetrip/contracts';
import type { NewUserInput, UsersActions } from '../controllers/users';
import type { Translator } from '../i18n/i18n';
import type { UsersPageState } from '../store/users-state';
import { el } from './dom';
import { errorBox } from './errors';

/** The roles as the role pickers list them, lowest first. */
export const ROLES: readonly UserRole[] = ['viewer', 'manager', 'analyst', 'admin'];

const roleLabel = (tr: Translator, role: UserRole): string => tr.t(`users.role.${role}`);

function roleSelect(
  tr: Translator,
  id: string,
  value: UserRole,
  onchange?: (role: UserRole) => void,
): HTMLSelectElement {
  return el(
    'select',
    {
      id,
      name: 'role',
      'data-focus': id,
      onchange: onchange
        ? (event: Event) => onchange((event.target as HTMLSelectElement).value as UserRole)
        : undefined,
    },
    ROLES.map((role) =>
      el('option', { value: role, selected: role === value }, roleLabel(tr, role)),
    ),
  );
}

/**
 * The form for a new user. Built once per language by the page (so what is typed survives
 * redraws); `onCreate` answers whether the user was made, and the form is then cleared.
 */
export function renderCreateUserForm(
  tr: Translator,
  onCreate: (input: NewUserInput) => Promise<boolean>,
): HTMLFormElement {
  const username = el('input', {
    id: 'user-new-username',
    name: 'username',
    required: true,
    maxlength: 100,
    autocomplete: 'off',
  });
  const role = roleSelect(tr, 'user-new-role', 'viewer');
  const departments = el('input', {
    id: 'user-new-departments',
    name: 'departments',
    placeholder: tr.t('users.departmentsPlaceholder'),
  });
  const password = el('input', {
    id: 'user-new-password',
    name: 'password',
    type: 'password',
    minlength: 10,
    autocomplete: 'new-password',
    placeholder: tr.t('users.passwordPlaceholder'),
  });
  const submit = el(
    'button',
    { id: 'user-create', type: 'submit', class: 'primary' },
    tr.t('users.create'),
  );
  const field = (input: HTMLElement, key: Parameters<Translator['t']>[0]): HTMLElement =>
    el('label', { class: 'field' }, el('span', {}, tr.t(key)), input);
  const form = el(
    'form',
    { class: 'card user-create', 'aria-labelledby': 'user-create-heading' },
    el('h2', { id: 'user-create-heading' }, tr.t('users.new')),
    field(username, 'users.username'),
    field(role, 'users.roleLabel'),
    field(departments, 'users.departments'),
    field(password, 'users.password'),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    void onCreate({
      username: username.value,
      role: role.value as UserRole,
      departments: departments.value,
      password: password.value,
    }).then((created) => {
      submit.disabled = false;
      if (created) {
        form.reset();
        username.focus();
      }
    });
  });
  return form;
}

/** The password shown once, with what to do with it. */
function renderRevealed(
  state: UsersPageState,
  tr: Translator,
  actions: UsersActions,
): HTMLElement | null {
  const shown = state.revealed;
  if (!shown) return null;
  return el(
    'div',
    { class: 'alert alert-success user-password', role: 'status', 'data-testid': 'user-password' },
    el(
      'p',
      {},
      tr.t(shown.reason === 'created' ? 'users.passwordCreated' : 'users.passwordReset', {
        user: shown.username,
      }),
    ),
    el('code', { class: 'secret', 'data-testid': 'user-password-value' }, shown.password),
    el('p', { class: 'muted' }, tr.t('users.passwordOnce')),
    el(
      'button',
      {
        type: 'button',
        'data-focus': 'password-dismiss',
        onclick: () => actions.dismissPassword(),
      },
      tr.t('error.dismiss'),
    ),
  );
}

function renderRow(
  user: UserAdminDto,
  state: UsersPageState,
  tr: Translator,
  actions: UsersActions,
): HTMLTableRowElement {
  const busy = state.busy !== null;
  const editing = state.editing?.userId === user.id ? state.editing : null;
  const confirm = state.confirm?.userId === user.id ? state.confirm.action : null;
  const button = (
    action: string,
    key: Parameters<Translator['t']>[0],
    onclick: () => void,
    cls = '',
  ) =>
    el(
      'button',
      {
        type: 'button',
        class: cls || null,
        'data-action': action,
        'data-focus': `${action}-${user.id}`,
        disabled: busy,
        onclick,
      },
      tr.t(key),
    );
  const roleCell = editing
    ? roleSelect(tr, `user-role-${user.id}`, editing.role, (role) => actions.changeDraft({ role }))
    : roleLabel(tr, user.role);
  const departmentsCell = editing
    ? el('input', {
        id: `user-departments-${user.id}`,
        'aria-label': tr.t('users.departments'),
        value: editing.departments,
        oninput: (event: Event) =>
          actions.changeDraft({ departments: (event.target as HTMLInputElement).value }),
      })
    : user.departments.length > 0
      ? user.departments.join(', ')
      : el(
          'span',
          { class: 'muted' },
          tr.t(user.role === 'admin' ? 'users.allDepartments' : 'users.noDepartments'),
        );
  let controls: HTMLElement[];
  if (editing) {
    controls = [
      button('save', 'users.save', () => void actions.save(), 'primary'),
      button('cancel', 'users.cancel', () => actions.cancelEdit()),
    ];
  } else if (confirm) {
    const self = user.username === state.me;
    controls = [
      el(
        'span',
        { class: 'confirm-text' },
        tr.t(
          confirm === 'disable'
            ? self
              ? 'users.confirmDisableSelf'
              : 'users.confirmDisable'
            : 'users.confirmReset',
          { user: user.username },
        ),
      ),
      confirm === 'disable'
        ? button(
            'confirm-disable',
            'users.disable',
            () => void actions.setDisabled(user.id, true),
            'danger',
          )
        : button(
            'confirm-reset',
            'users.resetPassword',
            () => void actions.resetPassword(user.id),
            'danger',
          ),
      button('cancel', 'users.cancel', () => actions.cancelConfirm()),
    ];
  } else {
    controls = [
      button('edit', 'users.edit', () => actions.edit(user.id)),
      user.disabled
        ? button('enable', 'users.enable', () => void actions.setDisabled(user.id, false))
        : button('disable', 'users.disable', () => actions.askConfirm(user.id, 'disable')),
      button('reset', 'users.resetPassword', () => actions.askConfirm(user.id, 'reset')),
    ];
  }
  return el(
    'tr',
    { 'data-user': user.username, class: user.disabled ? 'user-disabled' : null },
    el('th', { scope: 'row' }, user.username),
    el('td', {}, roleCell),
    el('td', {}, departmentsCell),
    el(
      'td',
      { 'data-testid': 'user-status' },
      tr.t(user.disabled ? 'users.statusDisabled' : 'users.statusActive'),
    ),
    el('td', { class: 'num' }, tr.number(user.activeSessions)),
    el('td', { class: 'user-actions' }, controls),
  );
}

/** The list of users, the password shown once and the last error: drawn from the store alone. */
export function renderUsersList(
  state: UsersPageState,
  tr: Translator,
  actions: UsersActions,
): HTMLElement[] {
  const parts: (HTMLElement | null)[] = [
    renderRevealed(state, tr, actions),
    state.error ? errorBox(state.error, tr) : null,
  ];
  if (state.status === 'loading') {
    parts.push(el('p', { class: 'muted loading' }, tr.t('users.loading')));
  } else if (state.status === 'ready') {
    parts.push(
      el(
        'table',
        { class: 'data-table users-table', 'data-testid': 'users-table' },
        el('caption', {}, tr.t('users.count', { count: tr.number(state.items.length) })),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, tr.t('users.username')),
            el('th', { scope: 'col' }, tr.t('users.roleLabel')),
            el('th', { scope: 'col' }, tr.t('users.departments')),
            el('th', { scope: 'col' }, tr.t('users.status')),
            el('th', { scope: 'col', class: 'num' }, tr.t('users.sessions')),
            el('th', { scope: 'col' }, tr.t('users.actions')),
          ),
        ),
        el(
          'tbody',
          {},
          state.items.map((user) => renderRow(user, state, tr, actions)),
        ),
      ),
    );
  }
  return parts.filter((p): p is HTMLElement => p !== null);
}
