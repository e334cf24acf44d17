import type { UserAdminDto, UserRole } from '@onetrip/contracts';
import type { Locale } from '../i18n/i18n';

// The admin's Users page (views/users.ts): its own store, changed only by controllers/users.ts.

/** A user row being edited: role and departments as chosen/typed, not yet saved. */
export interface UserDraft {
  userId: string;
  role: UserRole;
  /** Comma-separated, as typed. */
  departments: string;
}

/** A password shown once (a created user's or a reset one), until dismissed. */
export interface RevealedPassword {
  username: string;
  password: string;
  reason: 'created' | 'reset';
}

export interface UsersPageState {
  locale: Locale;
  /** The admin looking at the page (they may not disable themselves by accident: asked twice). */
  me: string;
  status: 'loading' | 'ready' | 'error';
  items: UserAdminDto[];
  /** The last failure of a load or an action, shown above the list. */
  error: unknown;
  /** A create, save, disable, enable or reset on its way (its user id, or 'new'). */
  busy: string | null;
  editing: UserDraft | null;
  /** The user whose disable or password reset waits for the second click. */
  confirm: { userId: string; action: 'disable' | 'reset' } | null;
  revealed: RevealedPassword | null;
}
