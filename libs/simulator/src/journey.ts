/**
 * One journey of one citizen for one service, generated step by step as the world would live it.
 *
 * The world is built so that the mining contract (docs/mining.md) recovers it exactly:
 * - every instance of a journey starts strictly after the previous one (no ties to break);
 * - no instance starts more than 28 days after everything before it completed (journey gap 30 d);
 * - a hall visit is one trip: its instances follow each other by less than 3 h 15 min (the trip gap
 *   is 4 h); two visits to the same hall are never on the same day (≥ 16 h apart), and a same-day
 *   visit after a redirect is to a different hall.
 */
import {
  DAY_SECONDS,
  HOUR,
  MINUTE,
  addWorkingDays,
  at,
  dayOf,
  daysOffBefore,
  formatDay,
  isWorkingDay,
  secondOfDay,
  toEpochMs,
  weekday,
  workingDayOnOrAfter,
} from './calendar';
import type { Random } from './random';
import {
  ACTIVITIES,
  DEPARTMENTS,
  HALLS,
  REFORM,
  shifted,
  type ActivityCode,
  type AgeGroup,
  type Behaviour,
  type Channel,
  type DepartmentCode,
  type Hall,
  type HallCode,
  type Lang,
  type Service,
  type ServiceCode,
  type SourceSystem,
} from './world';

/** One row of the log. Instants are epoch milliseconds; names are in the simulation's language. */
export interface SimulatedEvent {
  caseId: string;
  citizenId: string;
  service: string;
  activity: string;
  /** Completion instant. */
  timestamp: number;
  /** Start instant (equal to `timestamp` for instantaneous events). */
  startTimestamp: number;
  channel: Channel;
  /** Hall name for hall events, null elsewhere. */
  location: string | null;
  department: string;
  resource: string;
  sourceSystem: SourceSystem;
  /** The journey this row belongs to: ground truth, not written to the log. */
  journeyId: string;
}

/** A journey with its events (a few dozen at most) and what the world knows about it. */
export interface SimulatedJourney {
  id: string;
  citizenId: string;
  serviceCode: ServiceCode;
  service: string;
  ageGroup: AgeGroup;
  behaviour: Behaviour;
  /** Reform uptake when the journey began: 0 before the reform, up to 1 at full uptake. */
  uptake: number;
  beforeReform: boolean;
  submittedOnline: boolean;
  supplementRounds: number;
  gaveUp: boolean;
  /** Hall visits the citizen made: the true number of trips. */
  trips: number;
  /** Events in order of start (strictly increasing). */
  events: SimulatedEvent[];
  startTimestamp: number;
  endTimestamp: number;
}

export interface Citizen {
  id: string;
  ageGroup: AgeGroup;
  behaviour: Behaviour;
  home: Hall;
}

/** Counters for case ids: unique across the whole simulation, deterministic. */
export class IdSource {
  private readonly counters = new Map<string, number>();

  next(prefix: string): number {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n;
  }
}

interface Draft {
  activity: ActivityCode;
  start: number;
  complete: number;
  system: SourceSystem;
  channel: Channel;
  caseId: string;
  hall: Hall | null;
  department: DepartmentCode;
  resource: string;
}

const OPEN = 9 * HOUR;
const CLOSE = 17 * HOUR;
const LAST_TICKET = 16 * HOUR + 30 * MINUTE;
const LAST_CALL = 16 * HOUR + 45 * MINUTE;
const MAX_QUEUE_WAIT = 3 * HOUR;
/** Longest silence inside a journey; the mining journey gap is 30 days. */
const MAX_SILENCE = 28 * DAY_SECONDS;

/** Walk-in arrivals by hour (9:00 … 16:00): a morning rush at opening and a smaller one at 14:00. */
const ARRIVAL_BY_HOUR = [2.0, 1.7, 1.2, 0.5, 0.8, 1.4, 1.1, 0.4];
/** The queue at each hour relative to an ordinary hour. */
const QUEUE_BY_HOUR = [1.8, 1.4, 1.1, 0.7, 0.9, 1.2, 1.0, 0.7];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function hallByCode(code: HallCode): Hall {
  const hall = HALLS.find((h) => h.code === code);
  if (!hall) throw new Error(`unknown hall ${code}`);
  return hall;
}

/** How much longer queues are on this day: Mondays and the first day after a break. */
export function queueDayFactor(day: number): number {
  const off = daysOffBefore(day);
  if (off >= 3) return 1.8;
  const wd = weekday(day);
  if (wd === 1) return 1.5;
  if (wd === 0 || wd === 6) return 1.2; // a make-up working weekend day
  if (wd === 5) return 0.85;
  return 1;
}

export class JourneyBuilder {
  private readonly drafts: Draft[] = [];
  private trips = 0;
  private lastVisitDay = -Infinity;
  private lastHall: Hall;
  private portalCase: string | null = null;
  private gaveUp = false;
  private supplementRounds = 0;
  private readonly u: number;
  private readonly behaviour: Behaviour;

  constructor(
    private readonly rng: Random,
    private readonly ids: IdSource,
    private readonly lang: Lang,
    private readonly citizen: Citizen,
    private readonly service: Service,
    private readonly journeyId: string,
    private readonly firstDay: number,
    uptake: number,
  ) {
    this.u = uptake;
    this.lastHall = citizen.home;
    // Good online services win over some citizens who used to go only to the hall.
    this.behaviour =
      citizen.behaviour === 'hall_only' && rng.chance(shifted(REFORM.hallOnlyToMixed, uptake))
        ? 'mixed'
        : citizen.behaviour;
  }

  build(): SimulatedJourney {
    const { rng, service, u } = this;
    const day0 = this.firstDay;
    // The moment the citizen sets out; online applications happen any day, 7:00–23:30.
    let t = at(day0, rng.int(7 * HOUR, 23 * HOUR + 30 * MINUTE));

    if (rng.chance(shifted(REFORM.inquiry, u))) {
      // An inquiry one to seven days before, in hours both the hotline and the chatbot keep.
      this.inquiry(at(day0 - rng.int(1, 7), rng.int(9 * HOUR, 19 * HOUR)));
    }

    const online = rng.chance(shifted(service.online, u));
    const submitOnline =
      this.behaviour === 'online_first'
        ? online
        : this.behaviour === 'mixed'
          ? online && rng.chance(0.6)
          : false;

    if (submitOnline) {
      t = this.online('submit_online', t, rng.int(5 * MINUTE, 40 * MINUTE));
    } else {
      const submitted = this.submitAtHall(day0);
      if (submitted === null) return this.finish(submitOnline);
      if (submitted.issued) return this.finish(submitOnline);
      t = submitted.at;
    }

    // Pre-review, and rounds of supplementary materials (补正) until complete or abandoned.
    const year = formatDay(dayOf(t)).slice(0, 4);
    const backOffice = `${DEPARTMENTS[service.department].prefix}${year}${pad(this.ids.next('bo'), 8)}`;
    for (;;) {
      const start = this.officeTime(
        t + rng.int(20 * MINUTE, 3 * HOUR),
        rng.chance(0.5 - 0.4 * u) ? 1 : 0,
      );
      t = this.backOffice('pre_review', start, rng.int(10 * MINUTE, 45 * MINUTE), backOffice);
      const p =
        this.supplementRounds === 0
          ? shifted(service.supplement, u)
          : shifted(service.repeatSupplement, u);
      if (this.supplementRounds >= 4 || !rng.chance(p)) break;
      this.supplementRounds++;
      t = this.backOffice('request_supplement', t + rng.int(60, 10 * MINUTE), 0, backOffice);
      const giveUp =
        shifted(REFORM.giveUpOnSupplement, u) * (this.citizen.ageGroup === '60+' ? 1.5 : 1);
      if (rng.chance(giveUp)) {
        this.gaveUp = true;
        // The department closes the file after ten working days without an answer.
        const close = this.officeTime(at(addWorkingDays(dayOf(t) + 1, 9), OPEN), 0);
        this.backOffice('close_no_response', close, 0, backOffice);
        return this.finish(submitOnline);
      }
      const gather = Math.round(
        Math.min(
          14 * DAY_SECONDS,
          Math.max(
            3 * HOUR,
            rng.logNormal(this.behaviour === 'hall_only' ? 4 : 2.5, 0.8) * DAY_SECONDS,
          ),
        ),
      );
      const ready = t + gather;
      if (
        submitOnline &&
        this.behaviour !== 'hall_only' &&
        rng.chance(shifted(REFORM.onlineSupplement, u))
      ) {
        const upload = Math.max(ready, t + HOUR);
        t = this.online(
          'upload_supplement',
          this.onlineTime(upload),
          rng.int(3 * MINUTE, 20 * MINUTE),
        );
      } else {
        t = this.visitUntilServed(this.hallFor(), dayOf(ready), ['counter_supplement']);
      }
    }

    // Photo and fingerprints: online applicants of some services must still come in.
    if (submitOnline && rng.chance(shifted(service.biometricVisit, u))) {
      t = this.visitUntilServed(this.hallFor(), dayOf(t) + rng.int(1, 7), ['counter_biometric']);
    }

    // Review and approval, in working days; the citizen may call 12345 to ask how it goes.
    const reviewDays = rng.int(
      Math.round(shifted(service.reviewMin, u)),
      Math.round(shifted(service.reviewMax, u)),
    );
    const reviewStart = this.officeTime(
      t + rng.int(30 * MINUTE, 4 * HOUR),
      rng.chance(0.5) ? 1 : 0,
    );
    let reviewEnd: number;
    if (reviewDays === 0) {
      reviewEnd = Math.min(
        at(dayOf(reviewStart), CLOSE),
        reviewStart + rng.int(30 * MINUTE, 3 * HOUR),
      );
    } else {
      const endDay = addWorkingDays(dayOf(reviewStart), reviewDays);
      reviewEnd = at(endDay, rng.int(OPEN, 16 * HOUR));
    }
    t = this.backOffice('review', reviewStart, reviewEnd - reviewStart, backOffice);
    if (reviewDays >= 2 && rng.chance(shifted(REFORM.statusCall, u))) {
      const call = reviewStart + rng.int(DAY_SECONDS, reviewEnd - reviewStart - HOUR);
      this.hotline('hotline_status', this.hotlineTime(call, reviewEnd - HOUR));
    }
    t = this.backOffice(
      'approve',
      this.officeTime(t + rng.int(10 * MINUTE, 2 * HOUR), 0),
      rng.int(5 * MINUTE, 30 * MINUTE),
      backOffice,
    );

    if (service.result === 'transfer') {
      this.backOffice(
        'transfer_funds',
        this.officeTime(t + rng.int(30 * MINUTE, 6 * HOUR), 0),
        0,
        backOffice,
      );
      return this.finish(submitOnline);
    }
    const collectP =
      this.behaviour === 'hall_only'
        ? Math.max(0.8, shifted(service.collectInPerson, u))
        : shifted(service.collectInPerson, u);
    if (rng.chance(collectP)) {
      this.visitUntilServed(this.hallFor(), dayOf(t) + rng.int(1, 10), ['counter_collect']);
    } else if (service.electronicCertificate && rng.chance(u)) {
      this.online(
        'download_certificate',
        this.onlineTime(t + rng.int(HOUR, 3 * DAY_SECONDS)),
        rng.int(30, 5 * MINUTE),
      );
    } else {
      const post = `EMS${pad(this.ids.next('post'), 9)}CN`;
      const dispatch = this.officeTime(t + rng.int(2 * HOUR, DAY_SECONDS), 0);
      this.push(
        'post_dispatch',
        dispatch,
        dispatch,
        'post',
        'post',
        post,
        null,
        service.department,
        `${DEPARTMENTS[service.department].prefix}-mailroom`,
      );
      const arrival = dayOf(dispatch) + rng.int(1, 3);
      const delivered = at(arrival, rng.int(9 * HOUR, 19 * HOUR));
      this.push(
        'post_delivered',
        delivered,
        delivered,
        'post',
        'post',
        post,
        null,
        'post',
        `EMS-courier-${pad(rng.int(1, 40), 2)}`,
      );
    }
    return this.finish(submitOnline);
  }

  // ── citizen actions ──────────────────────────────────────────────────────────

  private inquiry(when: number): void {
    const viaBot =
      this.behaviour === 'online_first'
        ? this.rng.chance(0.7)
        : this.behaviour === 'mixed'
          ? this.rng.chance(0.5)
          : false;
    if (viaBot) {
      const start = this.onlineTime(when);
      const caseId = `BOT${pad(this.ids.next('bot'), 9)}`;
      this.push(
        'chatbot_inquiry',
        start,
        start + this.rng.int(MINUTE, 8 * MINUTE),
        'chatbot',
        'chatbot',
        caseId,
        null,
        'gsmo',
        'chatbot',
      );
    } else {
      this.hotline('hotline_inquiry', this.hotlineTime(when, Infinity));
    }
  }

  private hotline(activity: ActivityCode, start: number): void {
    const caseId = `12345-${pad(this.ids.next('hotline'), 9)}`;
    const agent = `HL-A${pad(this.rng.int(1, 60), 3)}`;
    this.push(
      activity,
      start,
      start + this.rng.int(2 * MINUTE, 12 * MINUTE),
      'hotline',
      'hotline',
      caseId,
      null,
      'hotline',
      agent,
    );
  }

  /** The first hall application, with redirects and closing-time disappointments; null if abandoned. */
  private submitAtHall(day0: number): { at: number; issued: boolean } | null {
    const { rng, service, u, citizen } = this;
    const handles = (h: Hall): boolean => service.halls.includes(h.code);
    let hall = citizen.home;
    let redirect = false;
    if (!handles(hall)) {
      if (rng.chance(shifted(REFORM.knowsRightHall, u))) hall = hallByCode(rng.pick(service.halls));
      else redirect = true;
    } else if (service.halls.length > 1 && rng.chance(shifted(REFORM.strayRedirect, u))) {
      redirect = true;
    }
    let day = day0;
    let earliest = OPEN;
    if (redirect) {
      const end = this.visitUntilServed(hall, day, ['counter_redirect']);
      if (rng.chance(shifted(REFORM.giveUpOnRedirect, u))) {
        this.gaveUp = true;
        return null;
      }
      const others = service.halls.filter((c) => c !== hall.code);
      hall = hallByCode(rng.pick(others));
      const travel = end + rng.int(30 * MINUTE, 75 * MINUTE);
      if (secondOfDay(travel) < 15 * HOUR && rng.chance(0.5)) {
        day = dayOf(travel);
        earliest = secondOfDay(travel);
      } else {
        day = dayOf(end) + rng.int(1, 5);
      }
    }
    const acts: ActivityCode[] = ['counter_submit'];
    if (service.biometricVisit.before > 0) acts.push('counter_biometric');
    const issued = rng.chance(shifted(service.issueOnTheSpot, u));
    if (issued) acts.push('counter_issue');
    const done = this.visitUntilServed(hall, day, acts, earliest, redirect);
    return { at: done, issued };
  }

  /** The hall a citizen returns to: the last one visited if it handles the service. */
  private hallFor(): Hall {
    if (this.service.halls.includes(this.lastHall.code)) return this.lastHall;
    if (this.service.halls.includes(this.citizen.home.code)) return this.citizen.home;
    return hallByCode(this.service.halls[0]);
  }

  /**
   * Visits `hall` on the first suitable working day from `dayMin` and repeats on later days while
   * the queue is too long to be called before closing. Returns when the last counter step ended.
   */
  private visitUntilServed(
    hall: Hall,
    dayMin: number,
    acts: readonly ActivityCode[],
    earliestSecond = OPEN,
    sameDayAllowed = false,
  ): number {
    let day = dayMin;
    let earliest = earliestSecond;
    for (;;) {
      if (!sameDayAllowed && day <= this.lastVisitDay) {
        day = this.lastVisitDay + 1;
        earliest = OPEN;
      }
      if (earliest > 15 * HOUR + 30 * MINUTE) {
        day += 1;
        earliest = OPEN;
      }
      if (!isWorkingDay(day)) {
        day = workingDayOnOrAfter(day);
        earliest = OPEN;
      }
      const end = this.hallVisit(hall, day, earliest, acts);
      sameDayAllowed = false;
      if (end !== null) return end;
      day = day + this.rng.int(1, 3);
      earliest = OPEN;
    }
  }

  /** One trip: take a ticket, wait, get called, the counter steps. Null if not called before closing. */
  private hallVisit(
    hall: Hall,
    day: number,
    earliest: number,
    acts: readonly ActivityCode[],
  ): number | null {
    const { rng, u } = this;
    this.trips++;
    this.lastVisitDay = day;
    this.lastHall = hall;
    const appointment =
      this.behaviour !== 'hall_only' && rng.chance(shifted(REFORM.bookAppointment, u));
    let arrival: number;
    if (appointment) {
      arrival = rng.int(Math.max(OPEN, earliest), 16 * HOUR);
      // Booked online a day or more before (any time of day); never before the journey's start.
      const booked = this.onlineTime(at(day, 0) - rng.int(6 * HOUR, 3 * DAY_SECONDS));
      if (booked > this.lastComplete())
        this.online('book_appointment', booked, rng.int(MINUTE, 4 * MINUTE));
    } else {
      const firstHour = Math.floor(Math.max(OPEN, earliest) / HOUR) - 9;
      const h = firstHour + rng.weighted(ARRIVAL_BY_HOUR.slice(firstHour));
      arrival = Math.max(earliest, at(0, (9 + h) * HOUR + rng.int(0, 59 * MINUTE + 59)));
    }
    arrival = Math.min(arrival, LAST_TICKET);
    const ticketAt = at(day, arrival);
    const ticket = `${hall.code}-${pad(this.ids.next('ticket'), 9)}`;
    this.push(
      'take_ticket',
      ticketAt,
      ticketAt,
      'queue',
      'hall',
      ticket,
      hall,
      'gsmo',
      `${hall.code}-KIOSK`,
    );

    const hourIndex = Math.min(7, Math.floor(arrival / HOUR) - 9);
    const mean = appointment
      ? 4 * MINUTE
      : shifted(REFORM.queueMeanMinutes, u) *
        MINUTE *
        QUEUE_BY_HOUR[hourIndex] *
        queueDayFactor(day) *
        hall.busyness;
    const wait = Math.round(Math.min(MAX_QUEUE_WAIT, Math.max(30, rng.exponential(mean))));
    if (arrival + wait > LAST_CALL) {
      const closing = at(day, CLOSE);
      this.push(
        'ticket_expired',
        closing,
        closing,
        'queue',
        'hall',
        ticket,
        hall,
        'gsmo',
        `${hall.code}-KIOSK`,
      );
      return null;
    }
    const window = `${hall.code}-W${pad(rng.int(1, hall.windows), 2)}`;
    const called = ticketAt + wait;
    this.push('called', called, called, 'queue', 'hall', ticket, hall, 'gsmo', window);

    // Counter steps, squeezed if needed so that the last one ends by closing time.
    const counter = `CTR${pad(this.ids.next('counter'), 9)}`;
    let start = called + rng.int(20, 90);
    const durations = acts.map((a) => this.counterSeconds(a));
    const gaps = acts.map(() => rng.int(5, 60));
    const need = durations.reduce((s, d) => s + d, 0) + gaps.reduce((s, g) => s + g, 0);
    const available = at(day, CLOSE) - start;
    const scale = need > available ? available / need : 1;
    let end = start;
    acts.forEach((activity, i) => {
      const d = Math.max(1, Math.floor(durations[i] * scale));
      end = start + d;
      this.push(
        activity,
        start,
        end,
        'counter',
        'hall',
        counter,
        hall,
        this.service.department,
        window,
      );
      start = end + Math.max(1, Math.floor(gaps[i] * scale));
    });
    return end;
  }

  private counterSeconds(activity: ActivityCode): number {
    const { rng, service } = this;
    const median =
      activity === 'counter_submit'
        ? service.counterMinutes
        : activity === 'counter_supplement'
          ? 9
          : activity === 'counter_biometric'
            ? 6
            : activity === 'counter_issue'
              ? 12
              : activity === 'counter_redirect'
                ? 3
                : 4;
    return Math.round(
      Math.min(90 * MINUTE, Math.max(MINUTE, rng.logNormal(median * MINUTE, 0.45))),
    );
  }

  // ── systems ──────────────────────────────────────────────────────────────────

  private backOffice(
    activity: ActivityCode,
    start: number,
    duration: number,
    caseId: string,
  ): number {
    const clerk = `${DEPARTMENTS[this.service.department].prefix}-${pad(this.rng.int(1, 12), 3)}`;
    this.push(
      activity,
      start,
      start + duration,
      'back_office',
      'back_office',
      caseId,
      null,
      this.service.department,
      clerk,
    );
    return start + duration;
  }

  /** A portal event in the journey's portal case (opened on first use). */
  private online(activity: ActivityCode, start: number, duration: number): number {
    this.portalCase ??= this.caseId('portal');
    this.push(
      activity,
      start,
      start + duration,
      'portal',
      'online',
      this.portalCase,
      null,
      this.service.department,
      'self-service',
    );
    return start + duration;
  }

  private caseId(kind: 'portal'): string {
    return `WEB${pad(this.ids.next(kind), 10)}`;
  }

  private push(
    activity: ActivityCode,
    start: number,
    complete: number,
    system: SourceSystem,
    channel: Channel,
    caseId: string,
    hall: Hall | null,
    department: DepartmentCode,
    resource: string,
  ): void {
    this.drafts.push({
      activity,
      start,
      complete,
      system,
      channel,
      caseId,
      hall,
      department,
      resource,
    });
  }

  private lastComplete(): number {
    let m = -Infinity;
    for (const d of this.drafts) if (d.complete > m) m = d.complete;
    return m;
  }

  // ── time ─────────────────────────────────────────────────────────────────────

  /** A back-office moment on a working day, 9:00–16:00, not before `after`, `skip` working days on. */
  private officeTime(after: number, skip: number): number {
    let day = dayOf(after);
    let earliest = secondOfDay(after);
    if (!isWorkingDay(day) || earliest >= 16 * HOUR) {
      day = workingDayOnOrAfter(earliest >= 16 * HOUR ? day + 1 : day);
      earliest = OPEN;
    }
    if (skip > 0) {
      day = addWorkingDays(day + 1, skip - 1);
      earliest = OPEN;
    }
    const from = Math.max(OPEN, earliest);
    return at(day, this.rng.int(from, Math.max(from, 16 * HOUR)));
  }

  /** People use the portal and chatbot 7:00–23:30, any day. */
  private onlineTime(after: number): number {
    const s = secondOfDay(after);
    if (s < 7 * HOUR) return at(dayOf(after), 7 * HOUR + this.rng.int(0, 2 * HOUR));
    if (s > 23 * HOUR + 30 * MINUTE)
      return at(dayOf(after) + 1, 7 * HOUR + this.rng.int(0, 2 * HOUR));
    return after;
  }

  /** 12345 answers 8:00–20:00 every day; a call never lands after `before`. */
  private hotlineTime(after: number, before: number): number {
    const s = secondOfDay(after);
    let t = after;
    if (s < 8 * HOUR) t = at(dayOf(after), 8 * HOUR + this.rng.int(0, 2 * HOUR));
    else if (s > 20 * HOUR) t = at(dayOf(after) + 1, 8 * HOUR + this.rng.int(0, 2 * HOUR));
    return Math.min(t, before);
  }

  // ── the record ───────────────────────────────────────────────────────────────

  private finish(submittedOnline: boolean): SimulatedJourney {
    const drafts = this.drafts;
    drafts.sort((a, b) => a.start - b.start || a.complete - b.complete);
    // Ties between systems are resolved by moving the later one a second on, so that the order of
    // the journey never depends on how a reader breaks ties; the world guarantees the gaps.
    let maxComplete = -Infinity;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i];
      if (i > 0 && d.start <= drafts[i - 1].start) {
        const shift = drafts[i - 1].start + 1 - d.start;
        d.start += shift;
        d.complete += shift;
      }
      if (i > 0 && d.start - maxComplete > MAX_SILENCE) {
        throw new Error(
          `simulator invariant: journey ${this.journeyId} is silent for more than 28 days`,
        );
      }
      if (d.complete > maxComplete) maxComplete = d.complete;
    }
    const lang = this.lang;
    const service = this.service.name[lang];
    const events = drafts.map((d): SimulatedEvent => ({
      caseId: d.caseId,
      citizenId: this.citizen.id,
      service,
      activity: ACTIVITIES[d.activity][lang],
      timestamp: toEpochMs(d.complete),
      startTimestamp: toEpochMs(d.start),
      channel: d.channel,
      location: d.hall ? d.hall.name[lang] : null,
      department: DEPARTMENTS[d.department][lang],
      resource: d.resource,
      sourceSystem: d.system,
      journeyId: this.journeyId,
    }));
    let first = Infinity;
    let last = -Infinity;
    for (const e of events) {
      if (e.startTimestamp < first) first = e.startTimestamp;
      if (e.timestamp > last) last = e.timestamp;
    }
    return {
      id: this.journeyId,
      citizenId: this.citizen.id,
      serviceCode: this.service.code,
      service,
      ageGroup: this.citizen.ageGroup,
      behaviour: this.behaviour,
      uptake: this.u,
      beforeReform: this.u === 0,
      submittedOnline,
      supplementRounds: this.supplementRounds,
      gaveUp: this.gaveUp,
      trips: this.trips,
      events,
      startTimestamp: first,
      endTimestamp: last,
    };
  }
}
