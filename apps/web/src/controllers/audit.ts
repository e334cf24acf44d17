import type { AuditQuery } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { AppState, AuditFilterDraft, AuditState } from '../store/state';
import type { Store } from '../store/store';
import type { Route } from '../views/route';

/** Lines per page of the audit table. */
export const AUDIT_PAGE_SIZE = 50;

export const EMPTY_AUDIT_FILTER: AuditFilterDraft = {
  username: '',
  action: '',
  datasetId: '',
  from: '',
  to: '',
};

export interface AuditActions {
  /** Shows the audit page (admins; the header's link). */
  open: () => void;
  /** Back to the datasets. */
  close: () => void;
  /** Changes the filter as typed (nothing is asked until `apply`). */
  setFilter: (patch: Partial<AuditFilterDraft>) => void;
  /** The newest page matching the filter. */
  apply: () => void;
  older: () => void;
  newer: () => void;
}

/** Midnight of a yyyy-mm-dd day in the browser's zone, as an instant; null when not a day. */
export function dayStart(day: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The query for a filter: the `to` day is included (the api's `to` is exclusive). */
export function auditQuery(filter: AuditFilterDraft, before: string | null): Partial<AuditQuery> {
  const query: Partial<AuditQuery> = { limit: AUDIT_PAGE_SIZE };
  if (filter.username.trim()) query.username = filter.username.trim();
  if (filter.action) query.action = filter.action;
  if (filter.datasetId) query.datasetId = filter.datasetId;
  const from = dayStart(filter.from);
  const to = dayStart(filter.to, 1);
  if (from) query.from = from;
  if (to) query.to = to;
  if (before) query.before = before;
  return query;
}

/**
 * The admin's audit page (`#page=audit`): loads the newest lines when the page is shown, then the
 * page the filter and the Older / Newer buttons ask for. Only the latest request writes.
 */
export function createAuditActions(
  api: ApiClient,
  store: Store<AppState>,
  nav: { select: (id: string | null) => void; navigate: (patch: Partial<Route>) => void },
): AuditActions {
  let requests = 0;
  const current = (): AuditState =>
    store.get().audit ?? {
      filter: EMPTY_AUDIT_FILTER,
      loading: false,
      items: [],
      before: null,
      newer: [],
      next: null,
      error: null,
    };

  async function load(before: string | null, newer: (string | null)[]): Promise<void> {
    const request = ++requests;
    const { filter } = current();
    store.set({ audit: { ...current(), loading: true, error: null, before, newer } });
    try {
      const page = await api.listAudit(auditQuery(filter, before));
      if (request !== requests) return;
      store.set({ audit: { ...current(), loading: false, items: page.items, next: page.next } });
    } catch (error) {
      if (request !== requests) return;
      store.set({ audit: { ...current(), loading: false, error, items: [], next: null } });
    }
  }

  const isAdmin = (state: AppState): boolean => state.user?.role === 'admin';
  const check = (state: AppState): void => {
    if (state.route.page === 'audit' && isAdmin(state) && state.audit === null) {
      store.set({ audit: current() });
      void load(null, []);
    }
  };
  store.subscribe(check);
  check(store.get());

  return {
    open: () => {
      const shown = store.get().audit !== null;
      nav.select(null);
      nav.navigate({ page: 'audit' });
      // Back on the page: its newest lines again, with the filter kept.
      if (shown) void load(null, []);
    },
    close: () => nav.navigate({ page: undefined }),
    setFilter: (patch) =>
      store.set({ audit: { ...current(), filter: { ...current().filter, ...patch } } }),
    apply: () => void load(null, []),
    older: () => {
      const { next, before, newer } = current();
      if (next) void load(next, [...newer, before]);
    },
    newer: () => {
      const { newer } = current();
      if (newer.length > 0) void load(newer[newer.length - 1], newer.slice(0, -1));
    },
  };
}
