import { ApiError, NETWORK_ERROR_CODE } from '../api/client';
import { RunFailure } from '../controllers/run-watcher';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el } from './dom';

/** A mistake in what the user entered, described by a catalogue message. */
export class UserInputError extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
    this.name = 'UserInputError';
  }
}

export interface UserMessage {
  message: string;
  /** What the server said, in its words; shown smaller, under the message. */
  detail: string | null;
  location: string | null;
}

/**
 * Turns any error into words a user understands: a catalogue message for the problem's stable
 * code (`error.<code>`) when there is one, else one for its HTTP status class; the server's
 * detail and the line/column of a bad input row are kept as secondary information.
 */
export function describeError(error: unknown, tr: Translator): UserMessage {
  if (error instanceof UserInputError) {
    return { message: tr.t(error.key), detail: null, location: null };
  }
  if (error instanceof RunFailure && error.code !== null) {
    // Why the data could not be mined, what to do about it; the server's words below.
    const key = `miningError.${error.code}`;
    if (tr.has(key)) {
      const params = Object.fromEntries(
        Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? tr.number(v) : v]),
      );
      return { message: tr.t(key, params), detail: error.message, location: null };
    }
  }
  if (!(error instanceof ApiError)) {
    return {
      message: tr.t('error.unknown'),
      detail: error instanceof Error ? error.message : null,
      location: null,
    };
  }
  const problem = error.problem;
  const byCode = `error.${problem.code}`;
  let key: MessageKey;
  if (tr.has(byCode)) key = byCode;
  else if (problem.code === NETWORK_ERROR_CODE || problem.status === 0) key = 'error.network';
  else if (problem.status === 404) key = 'error.notFound';
  else if (problem.status === 409) key = 'error.conflict';
  else if (problem.status === 413) key = 'error.tooLarge';
  else if (problem.status === 415) key = 'error.unsupported';
  else if (problem.status >= 500) key = 'error.server';
  else if (problem.status >= 400) key = 'error.badRequest';
  else key = 'error.unknown';
  const detailParts = [
    problem.detail ??
      (key === 'error.badRequest' || key === 'error.unknown' ? problem.title : null),
    ...(problem.errors ?? []).map((e) => `${e.field}: ${e.message}`),
  ].filter((part): part is string => Boolean(part));
  const location =
    problem.line === undefined
      ? null
      : problem.column
        ? tr.t('error.locationColumn', { line: tr.number(problem.line), column: problem.column })
        : tr.t('error.location', { line: tr.number(problem.line) });
  return {
    message: tr.t(key),
    detail: key === 'error.network' || detailParts.length === 0 ? null : detailParts.join(' · '),
    location,
  };
}

/** An alert box for an error (role=alert so screen readers announce it). */
export function errorBox(error: unknown, tr: Translator, headline?: string): HTMLElement {
  const { message, detail, location } = describeError(error, tr);
  return el(
    'div',
    { class: 'alert alert-error', role: 'alert' },
    el('span', { class: 'alert-icon', 'aria-hidden': 'true' }, '!'),
    el(
      'div',
      { class: 'alert-body' },
      headline ? el('strong', {}, headline) : null,
      el('p', {}, message),
      location || detail
        ? el('p', { class: 'alert-detail' }, [location, detail].filter(Boolean).join(' — '))
        : null,
    ),
  );
}
