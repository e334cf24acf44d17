/**
 * Citizen identifiers in columns nobody mapped: the one place that decides which columns look
 * like identifiers (by name, or by values shaped like a Chinese resident ID or a phone number)
 * and what becomes of their values. A mapped citizen column becomes the citizen key elsewhere
 * (the api's stager); this guards the rest, which would otherwise land raw in `attributes`.
 *
 * Cheap on the hot path: a column's fate is decided once, on its name, and remembered; a column
 * not named like an identifier is watched with a test that rejects almost every value on its
 * length alone, and is treated as an identifier column from its first identifier-shaped value on.
 */
import type { IdentifierAction, IdentifierChoices } from '@onetrip/contracts';
import { createPseudonymizer } from './identity';

/** Prefix of a pseudonymized attribute value (the hex after it is a citizen key's HMAC). */
export const PSEUDONYM_PREFIX = 'pseudonym:';

/** Column names (normalized: lower case, no spaces, `_`, `-`, `.`, `:`) that are identifiers. */
const EXACT_NAMES = new Set([
  'citizen',
  'citizenid',
  'citizenno',
  'citizennumber',
  'personid',
  'personalid',
  'nationalid',
  'idno',
  'idnumber',
  'applicantid',
  'ssn',
  'tel',
  'telephone',
  'contactnumber',
]);
/** Parts of a normalized column name that make it an identifier. */
const NAME_PARTS = [
  'idcard',
  'phone',
  'mobile',
  'passport',
  '身份证',
  '证件号',
  '手机',
  '电话',
  '联系方式',
];

function normalizeName(column: string): string {
  return column
    .toLowerCase()
    .replace(/^case:/, '')
    .replace(/[\s_\-.:/()（）]+/g, '');
}

/** Whether a column's name says it holds citizen identifiers (身份证号, 手机号, id_card, phone …). */
export function isIdentifierName(column: string): boolean {
  const n = normalizeName(column);
  if (EXACT_NAMES.has(n)) return true;
  for (const part of NAME_PARTS) if (n.includes(part)) return true;
  return false;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ID_18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;
const ID_15 = /^[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;
/** Mainland mobile numbers, optionally with +86 / 86 and separated in 3-4-4 groups. */
const MOBILE = /^(?:\+?86[ -]?)?1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4})$/;
/** Landlines written with their area code and a separator: 010-12345678, 0571-8765432. */
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;

/** An 18-digit resident ID (region, birth date, check digit) or a 15-digit old one. */
export function isChineseIdNumber(v: string): boolean {
  if (v.length === 15) return ID_15.test(v);
  if (v.length !== 18 || !ID_18.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (v.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === v[17].toUpperCase();
}

export function isPhoneNumber(v: string): boolean {
  return MOBILE.test(v) || LANDLINE.test(v);
}

/**
 * Whether a value is shaped like a citizen identifier. Values of other lengths than 11–18
 * characters are rejected before any pattern runs (most attribute values are).
 */
export function looksLikeIdentifier(v: string): boolean {
  const n = v.length;
  if (n < 11 || n > 18) return false;
  const c = v.charCodeAt(0);
  // A digit or '+' first: everything else (names, words, dates with letters) stops here.
  if ((c < 48 || c > 57) && c !== 43) return false;
  return isChineseIdNumber(v) || isPhoneNumber(v);
}

/**
 * The columns of a file that look like identifiers: named so, or with at least one sample value
 * shaped like one (as an upload would treat them). `rows` are aligned with `columns`.
 */
export function identifierColumns(columns: readonly string[], rows: readonly string[][]): string[] {
  return columns.filter(
    (c, k) => isIdentifierName(c) || rows.some((r) => looksLikeIdentifier((r[k] ?? '').trim())),
  );
}

const KEEP = 0;
const WATCH = 1;
const PSEUDONYMIZE = 2;
const DROP = 3;
type Decision = typeof KEEP | typeof WATCH | typeof PSEUDONYMIZE | typeof DROP;
const CHOSEN: Record<IdentifierAction, Decision> = {
  keep: KEEP,
  pseudonymize: PSEUDONYMIZE,
  drop: DROP,
};
/** Columns whose decision is remembered (a hostile NDJSON file may invent a key per line). */
const MAX_REMEMBERED = 10_000;

/**
 * Applies the identifier rules to events' attributes, in place: columns chosen in `choices` as
 * given, columns named like identifiers pseudonymized, other columns pseudonymized from their
 * first identifier-shaped value on. A pseudonym is `pseudonym:` + pseudonymize(value, key), the
 * same hash a citizen key of that value has. Values that already are pseudonyms stay as they are.
 */
export class IdentifierGuard {
  private readonly decisions = new Map<string, Decision>();
  private readonly pseudonym: (raw: string) => string;

  constructor(
    key: string,
    private readonly choices: IdentifierChoices = {},
  ) {
    if (key.length === 0) throw new RangeError('IdentifierGuard: the key must not be empty');
    this.pseudonym = createPseudonymizer(key, PSEUDONYM_PREFIX);
  }

  apply(attributes: Record<string, string>): void {
    for (const k in attributes) {
      let d = this.decisions.get(k);
      if (d === undefined) {
        d = this.decide(k);
        if (this.decisions.size < MAX_REMEMBERED) this.decisions.set(k, d);
      }
      if (d === KEEP) continue;
      if (d === DROP) {
        delete attributes[k];
        continue;
      }
      const v = attributes[k];
      if (d === WATCH) {
        if (!looksLikeIdentifier(v)) continue;
        if (this.decisions.has(k)) this.decisions.set(k, PSEUDONYMIZE);
      }
      if (v.startsWith(PSEUDONYM_PREFIX)) continue;
      const p = this.pseudonym(v);
      if (k === '__proto__') {
        Object.defineProperty(attributes, k, {
          value: p,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        attributes[k] = p;
      }
    }
  }

  private decide(column: string): Decision {
    const chosen = Object.prototype.hasOwnProperty.call(this.choices, column)
      ? this.choices[column]
      : undefined;
    if (chosen !== undefined) return CHOSEN[chosen];
    return isIdentifierName(column) ? PSEUDONYMIZE : WATCH;
  }
}

/** Runs of digits (with +, spaces or dashes inside) long enough to be an ID or phone number. */
const NUMBER_RUN = /\+?\d[\d -]{9,20}[\dXx]/g;

/**
 * The original row of a rejection as it may be stored: every value shaped like a resident ID or
 * a phone number, and every value in `known` (the row's citizen field, its identifier columns),
 * replaced by `hide(value)` (its pseudonym), so a rejected row never puts a raw identifier in the
 * database. Pure.
 */
export function scrubIdentifiers(
  raw: string,
  known: readonly string[],
  hide: (value: string) => string,
): string {
  let out = raw;
  for (const value of known) {
    const v = value.trim();
    if (v.length >= 2) out = out.split(v).join(hide(v));
  }
  return out.replace(NUMBER_RUN, (run) => {
    const v = run.trim();
    return looksLikeIdentifier(v) || looksLikeIdentifier(v.replace(/[ -]/g, '')) ? hide(v) : run;
  });
}
