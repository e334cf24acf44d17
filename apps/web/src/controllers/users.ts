import type { UserRole } from '@onetrip/contracts';
import type { UsersClient } from '../api/client';
import type { Locale } from '../i18n/i18n';
import type { UserDraft, UsersPageState } from '../store/users-state';
import type { Store } from '../store/store';

export interface NewUserInput {
  username: string;
  role: UserRole;
  /** Comma-separated (`,` or `，`). */
  departments: string;
  /** Empty: the server generates one and answers it once. */
  password: string;
}

export interface UsersActions {
  load: () => Promise<void>;
  /** True when the user was created (the form is then cleared). */
  create: (input: NewUserInput) => Promise<boolean>;
  edit: (userId: string) => void;
  changeDraft: (patch: Partial<Omit<UserDraft, 'userId'>>) => void;
  cancelEdit: () => void;
  save: () => Promise<void>;
  /** Disabling and resetting ask first (`confirm`), then act on the second call. */
  askConfirm: (userId: string, action: 'disable' | 'reset') => void;
  cancelConfirm: () => void;
  setDisabled: (userId: string, disabled: boolean) => Promise<void>;
  resetPassword: (userId: string) => Promise<void>;
  dismissPassword: () => void;
  setLocale: (locale: Locale) => void;
}

/** Departments as typed: split on ASCII or Chinese commas, trimmed, empty ones dropped. */
export function parseDepartments(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，]/)
        .map((d) => d.trim())
        .filter((d) => d !== ''),
    ),
  ];
}

/** The Users page's actions: the only code of the page that calls the api and sets its store. */
export function createUsersActions(
  api: UsersClient,
  store: Store<UsersPageState>,
  onLocale: (locale: Locale) => void,
): UsersActions {
  const replace = (user: UsersPageState['items'][number]): UsersPageState['items'] =>
    store.get().items.map((u) => (u.id === user.id ? user : u));

  async function load(): Promise<void> {
    try {
      const items = await api.list();
      store.set({ items, status: 'ready', error: null });
    } catch (error) {
      store.set({ status: 'error', error });
    }
  }

  async function create(input: NewUserInput): Promise<boolean> {
    store.set({ busy: 'new', error: null, revealed: null });
    try {
      const made = await api.create({
        username: input.username.trim(),
        role: input.role,
        departments: parseDepartments(input.departments),
        ...(input.password ? { password: input.password } : {}),
      });
      const items = [...store.get().items, made.user].sort((a, b) =>
        a.username < b.username ? -1 : a.username > b.username ? 1 : 0,
      );
      store.set({
        items,
        busy: null,
        revealed: made.password
          ? { username: made.user.username, password: made.password, reason: 'created' }
          : null,
      });
      return true;
    } catch (error) {
      store.set({ busy: null, error });
      return false;
    }
  }

  async function update(
    userId: string,
    request: Parameters<UsersClient['update']>[1],
    after: Partial<UsersPageState> = {},
  ): Promise<void> {
    store.set({ busy: userId, error: null, confirm: null });
    try {
      const user = await api.update(userId, request);
      store.set({ items: replace(user), busy: null, ...after });
    } catch (error) {
      store.set({ busy: null, error });
    }
  }

  return {
    load,
    create,
    edit: (userId) => {
      const user = store.get().items.find((u) => u.id === userId);
      if (!user) return;
      store.set({
        editing: { userId, role: user.role, departments: user.departments.join(', ') },
        confirm: null,
        error: null,
      });
    },
    changeDraft: (patch) => {
      const editing = store.get().editing;
      if (editing) store.set({ editing: { ...editing, ...patch } });
    },
    cancelEdit: () => store.set({ editing: null }),
    save: async () => {
      const editing = store.get().editing;
      if (!editing) return;
      await update(
        editing.userId,
        { role: editing.role, departments: parseDepartments(editing.departments) },
        { editing: null },
      );
    },
    askConfirm: (userId, action) => store.set({ confirm: { userId, action }, error: null }),
    cancelConfirm: () => store.set({ confirm: null }),
    setDisabled: (userId, disabled) => update(userId, { disabled }),
    resetPassword: async (userId) => {
      store.set({ busy: userId, error: null, confirm: null, revealed: null });
      try {
        const reset = await api.resetPassword(userId);
        store.set({
          items: replace(reset.user),
          busy: null,
          revealed: reset.password
            ? { username: reset.user.username, password: reset.password, reason: 'reset' }
            : null,
        });
      } catch (error) {
        store.set({ busy: null, error });
      }
    },
    dismissPassword: () => store.set({ revealed: null }),
    setLocale: (locale) => {
      store.set({ locale });
      onLocale(locale);
    },
  };
}
