/**
 * Insights.deadlines: journeys completed within their promised time limit (承诺时限), by
 * service, department and hall; the most overdue journeys; how far over. The counting rules are
 * the deadline clock's (deadline-clock.ts, docs/mining.md#deadlines). A journey's limit is the
 * one its case records give (MiningEvent.promised: a due date or an amount), else its service's
 * row of the table (DeadlineOptions.limits, by name or code); journeys with neither are counted
 * apart (`withoutLimit`) and in no rate. Its department and hall are those of its acceptance (受理)
 * instance, else of its first instance naming one.
 */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import type {
  DeadlineRow,
  Deadlines,
  LimitUnit,
  OverdueJourney,
  ServiceLimit,
} from '../../insights-types';
import { getOrAdd } from '../../maps';
import { DeadlineClock, LIMIT_UNITS, parseRecordLimit, type Suspension } from '../deadline-clock';
import { insightMeasure } from '../measure';

/** The overdue journeys listed, at most. */
export const OVERDUE_LIST_LIMIT = 100;

interface DeadlineGroup {
  journeys: number;
  withLimit: number;
  onTime: number;
  withLegal: number;
  withinLegal: number;
}

interface DeadlinesState {
  totals: DeadlineGroup;
  withoutAcceptance: number;
  sources: { due: number; amount: number; table: number };
  byService: Map<string, DeadlineGroup>;
  byDepartment: Map<string, DeadlineGroup>;
  byHall: Map<string, DeadlineGroup>;
  /** `unit|over` → journeys. */
  overBy: Map<string, number>;
  /** Sorted by overdueOrder, at most OVERDUE_LIST_LIMIT. */
  overdue: OverdueJourney[];
}

export interface DeadlinesPartial {
  deadlines: DeadlinesState;
}

interface DeadlinesStateJson {
  totals: DeadlineGroup;
  withoutAcceptance: number;
  sources: { due: number; amount: number; table: number };
  byService: [string, DeadlineGroup][];
  byDepartment: [string, DeadlineGroup][];
  byHall: [string, DeadlineGroup][];
  overBy: [string, number][];
  overdue: OverdueJourney[];
}

export interface DeadlinesJson {
  /** Absent from partials stored before deadlines were measured. */
  deadlines?: DeadlinesStateJson;
}

const emptyGroup = (): DeadlineGroup => ({
  journeys: 0,
  withLimit: 0,
  onTime: 0,
  withLegal: 0,
  withinLegal: 0,
});

function emptyState(): DeadlinesState {
  return {
    totals: emptyGroup(),
    withoutAcceptance: 0,
    sources: { due: 0, amount: 0, table: 0 },
    byService: new Map(),
    byDepartment: new Map(),
    byHall: new Map(),
    overBy: new Map(),
    overdue: [],
  };
}

function addGroup(target: DeadlineGroup, source: DeadlineGroup): void {
  target.journeys += source.journeys;
  target.withLimit += source.withLimit;
  target.onTime += source.onTime;
  target.withLegal += source.withLegal;
  target.withinLegal += source.withinLegal;
}

/** Most over first (an hour is 1/24 of a day), then by journey key, start and service. */
function overdueOrder(a: OverdueJourney, b: OverdueJourney): number {
  const days = (j: OverdueJourney) => (j.unit === 'hours' ? j.over / 24 : j.over);
  return (
    days(b) - days(a) ||
    compareStrings(a.ref.key, b.ref.key) ||
    a.ref.start - b.ref.start ||
    compareStrings(a.ref.service ?? '', b.ref.service ?? '')
  );
}

/** The union of two sorted capped lists, sorted and capped (any merge order gives the same). */
function mergeOverdue(a: OverdueJourney[], b: readonly OverdueJourney[]): OverdueJourney[] {
  return [...a, ...b].sort(overdueOrder).slice(0, OVERDUE_LIST_LIMIT);
}

const ACCEPT = 1;
const COMPLETE = 2;
const SPECIAL = 4;

export const deadlines = insightMeasure<DeadlinesPartial, DeadlinesJson>({
  empty: () => ({ deadlines: emptyState() }),
  tally: (target, { store, columns, insights }) => {
    const options = insights.deadlines;
    const clock = new DeadlineClock(insights.timeZone);
    const accept = new Set(options.acceptActivities);
    const complete = new Set(options.completeActivities);
    const special = new Set(options.specialActivities);
    const activities = store.activities.size;
    const flags = Uint8Array.from({ length: activities }, (_, a) => {
      const name = store.activities.decode(a);
      return (
        (accept.has(name) ? ACCEPT : 0) |
        (complete.has(name) ? COMPLETE : 0) |
        (special.has(name) ? SPECIAL : 0)
      );
    });
    const rules = options.suspensions.map((rule) => {
      const start = new Set(rule.start);
      const end = new Set(rule.end);
      return {
        start: Uint8Array.from({ length: activities }, (_, a) =>
          start.has(store.activities.decode(a)) ? 1 : 0,
        ),
        end: Uint8Array.from({ length: activities }, (_, a) =>
          end.has(store.activities.decode(a)) ? 1 : 0,
        ),
      };
    });
    const table = new Map<string, ServiceLimit>();
    for (const limit of options.limits) {
      if (limit.code) table.set(limit.code, limit);
    }
    // A name wins over a code when one service's name is another's code.
    for (const limit of options.limits) table.set(limit.service, limit);
    const state = target.deadlines;
    const opened: number[] = rules.map(() => NaN);
    const suspensions: Suspension[] = [];
    const name = (code: number, decode: (c: number) => string) =>
      code === NONE ? '' : decode(code);

    return {
      addJourney: ({ facts, ref }) => {
        const { buf, lo, hi } = facts;
        let accepted = NaN;
        let acceptedAt = -1;
        let service = NONE;
        let promised = NONE;
        let firstDepartment = NONE;
        let firstHall = NONE;
        for (let k = lo; k < hi; k += 1) {
          const i = buf.sorted[k];
          const e = buf.order[i];
          if (Number.isNaN(accepted) && (flags[buf.activity[i]] & ACCEPT) !== 0) {
            accepted = buf.completeAt[i];
            acceptedAt = i;
          }
          if (service === NONE) service = columns.serviceOf[e] ?? NONE;
          if (promised === NONE) promised = columns.promisedOf[e] ?? NONE;
          if (firstDepartment === NONE) firstDepartment = columns.departmentOf[e] ?? NONE;
          if (firstHall === NONE) firstHall = buf.location[i];
        }
        const end = facts.start + facts.leadTime;
        const withAcceptance = !Number.isNaN(accepted);
        if (!withAcceptance) accepted = facts.start;
        // Completion: the earliest completing instance at or after acceptance, else the end.
        let completed = Infinity;
        suspensions.length = 0;
        opened.fill(NaN);
        for (let k = lo; k < hi; k += 1) {
          const i = buf.sorted[k];
          const act = buf.activity[i];
          const at = buf.completeAt[i];
          if ((flags[act] & COMPLETE) !== 0 && at >= accepted && at < completed) completed = at;
          if ((flags[act] & SPECIAL) !== 0 && buf.hasStart[i] === 1) {
            suspensions.push({ from: buf.startAt[i], to: at });
          }
          for (let r = 0; r < rules.length; r += 1) {
            if (rules[r].end[act] === 1 && !Number.isNaN(opened[r])) {
              suspensions.push({ from: opened[r], to: at });
              opened[r] = NaN;
            } else if (rules[r].start[act] === 1 && Number.isNaN(opened[r])) opened[r] = at;
          }
        }
        if (completed === Infinity) completed = end;
        // Still waiting (for materials, say) at completion: stopped until then.
        for (const from of opened)
          if (!Number.isNaN(from)) suspensions.push({ from, to: completed });

        const serviceName = name(service, (c) => columns.services.decode(c));
        const row = table.get(serviceName);
        const text = promised === NONE ? null : columns.promised.decode(promised);
        const record = text === null ? null : parseRecordLimit(text, clock);
        let unit: LimitUnit | null = null;
        let limit = 0;
        if (record?.kind === 'due') {
          unit = row?.unit ?? 'workdays';
          limit = clock.limitUntil(unit, accepted, record.at);
          state.sources.due += 1;
        } else if (record?.kind === 'amount') {
          unit = record.unit ?? row?.unit ?? 'workdays';
          limit = record.amount;
          state.sources.amount += 1;
        } else if (row && row.promised !== null) {
          unit = row.unit;
          limit = row.promised;
          state.sources.table += 1;
        }
        const span = { accepted, completed, suspensions };
        const group = emptyGroup();
        group.journeys = 1;
        let used = 0;
        if (unit !== null) {
          used = clock.elapsed(unit, span);
          group.withLimit = 1;
          if (used <= limit) group.onTime = 1;
        }
        if (row && row.legal !== null) {
          group.withLegal = 1;
          if (clock.elapsed(row.unit, span) <= row.legal) group.withinLegal = 1;
        }
        if (!withAcceptance) state.withoutAcceptance += 1;

        const department =
          acceptedAt >= 0 && (columns.departmentOf[buf.order[acceptedAt]] ?? NONE) !== NONE
            ? columns.departmentOf[buf.order[acceptedAt]]
            : firstDepartment;
        const hall =
          acceptedAt >= 0 && buf.location[acceptedAt] !== NONE
            ? buf.location[acceptedAt]
            : firstHall;
        const departmentName = name(department, (c) => columns.departments.decode(c));
        const hallName = name(hall, (c) => store.locations.decode(c));
        addGroup(state.totals, group);
        addGroup(getOrAdd(state.byService, serviceName, emptyGroup), group);
        addGroup(getOrAdd(state.byDepartment, departmentName, emptyGroup), group);
        addGroup(getOrAdd(state.byHall, hallName, emptyGroup), group);

        if (unit !== null && used > limit) {
          const over = used - limit;
          const bin = `${unit}|${unit === 'hours' ? Math.ceil(over) : over}`;
          state.overBy.set(bin, (state.overBy.get(bin) ?? 0) + 1);
          const journey: OverdueJourney = {
            ref: { ...ref },
            service: serviceName,
            department: departmentName,
            hall: hallName,
            unit,
            limit,
            used,
            over,
          };
          const list = state.overdue;
          if (
            list.length < OVERDUE_LIST_LIMIT ||
            overdueOrder(journey, list[list.length - 1]) < 0
          ) {
            state.overdue = mergeOverdue(list, [journey]);
          }
        }
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    const t = target.deadlines;
    const s = source.deadlines;
    addGroup(t.totals, s.totals);
    t.withoutAcceptance += s.withoutAcceptance;
    t.sources.due += s.sources.due;
    t.sources.amount += s.sources.amount;
    t.sources.table += s.sources.table;
    for (const field of ['byService', 'byDepartment', 'byHall'] as const) {
      for (const [key, g] of s[field]) addGroup(getOrAdd(t[field], key, emptyGroup), g);
    }
    for (const [bin, n] of s.overBy) t.overBy.set(bin, (t.overBy.get(bin) ?? 0) + n);
    t.overdue = mergeOverdue(t.overdue, s.overdue);
  },
  toJson: ({ deadlines: d }) => ({
    deadlines: {
      totals: { ...d.totals },
      withoutAcceptance: d.withoutAcceptance,
      sources: { ...d.sources },
      byService: [...d.byService],
      byDepartment: [...d.byDepartment],
      byHall: [...d.byHall],
      overBy: [...d.overBy],
      overdue: d.overdue.map((j) => ({ ...j, ref: { ...j.ref } })),
    },
  }),
  fromJson: ({ deadlines: d }) => {
    if (d === undefined) return { deadlines: emptyState() };
    return {
      deadlines: {
        totals: { ...d.totals },
        withoutAcceptance: d.withoutAcceptance,
        sources: { ...d.sources },
        byService: new Map(d.byService.map(([k, g]) => [k, { ...g }])),
        byDepartment: new Map(d.byDepartment.map(([k, g]) => [k, { ...g }])),
        byHall: new Map(d.byHall.map(([k, g]) => [k, { ...g }])),
        overBy: new Map(d.overBy),
        overdue: d.overdue.map((j) => ({ ...j, ref: { ...j.ref } })),
      },
    };
  },
  finalize: ({ deadlines: d }): { deadlines: Deadlines } => ({
    deadlines: {
      totals: toRow('', d.totals),
      withoutLimit: d.totals.journeys - d.totals.withLimit,
      withoutAcceptance: d.withoutAcceptance,
      limitSources: { ...d.sources },
      byService: rows(d.byService),
      byDepartment: rows(d.byDepartment),
      byHall: rows(d.byHall),
      overBy: [...d.overBy]
        .map(([bin, journeys]) => {
          const cut = bin.indexOf('|');
          return {
            unit: bin.slice(0, cut) as LimitUnit,
            over: Number(bin.slice(cut + 1)),
            journeys,
          };
        })
        .sort(
          (a, b) => LIMIT_UNITS.indexOf(a.unit) - LIMIT_UNITS.indexOf(b.unit) || a.over - b.over,
        ),
      overdueJourneys: d.overdue.map((j) => ({ ...j, ref: { ...j.ref } })),
      overdueListLimit: OVERDUE_LIST_LIMIT,
    },
  }),
});

function toRow(name: string, g: DeadlineGroup): DeadlineRow {
  return {
    name,
    journeys: g.journeys,
    withLimit: g.withLimit,
    onTime: g.onTime,
    overdue: g.withLimit - g.onTime,
    onTimeRate: g.withLimit > 0 ? g.onTime / g.withLimit : null,
    withLegal: g.withLegal,
    withinLegal: g.withinLegal,
  };
}

/** Most journeys with a limit first, then most journeys, then by name. */
function rows(groups: Map<string, DeadlineGroup>): DeadlineRow[] {
  return [...groups]
    .map(([name, g]) => toRow(name, g))
    .sort(
      (a, b) =>
        b.withLimit - a.withLimit || b.journeys - a.journeys || compareStrings(a.name, b.name),
    );
}
