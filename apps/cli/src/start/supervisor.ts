/**
 * Keeps one child process of `onetrip start` running, as a process supervisor would: when it
 * exits on its own it is started again after a delay that doubles with each failure in a row
 * (1 s, 2 s, 4 s … at most 30 s), and the count of failures starts over once a child has stayed
 * up for a minute. After too many failures in a row the supervisor gives up and says so; what
 * happens then is the caller's choice (`onetrip start` stops everything and exits with 1: a
 * crash loop needs a person, and a half-running stack would accept runs nobody mines).
 *
 * Pure of Node's process APIs: children come from `spawn` and time from `timers`, so the policy
 * is tested with fake children and a fake clock.
 */

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running child as the supervisor sees it. */
export interface ChildHandle {
  pid?: number;
  /** Resolves once the process has exited. */
  exited: Promise<ChildExit>;
  /** Asks the process to stop (and makes sure it does); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface RestartPolicy {
  /** Delay before the first restart; doubled for each further failure in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that stayed up this long resets the failure count. */
  stableAfterMs: number;
  /** Failures in a row (each shorter than stableAfterMs) after which the supervisor gives up. */
  maxFailures: number;
}

export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxFailures: 8,
};

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SupervisorOptions {
  /** 'api', 'worker': used in log lines. */
  name: string;
  spawn: () => ChildHandle;
  log: (line: string) => void;
  /** Called once when the supervisor stops restarting; `reason` is a full sentence. */
  onGiveUp: (reason: string) => void;
  /** Whether an exit may be restarted at all (false: give up at once). Default: always. */
  restartable?: () => boolean;
  policy?: Partial<RestartPolicy>;
  timers?: Timers;
}

export function describeExit(exit: ChildExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
}

/** The delay before restart number `failures` (1-based) in a row. */
export function restartDelay(failures: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, failures - 1));
}

export class Supervisor {
  private readonly policy: RestartPolicy;
  private readonly timers: Timers;
  private child: ChildHandle | null = null;
  private startedAt = 0;
  private failures = 0;
  private pending: unknown = null;
  private stopped = false;
  /** How many times the child was started again. */
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = { ...RESTART_POLICY, ...options.policy };
    this.timers = options.timers ?? REAL_TIMERS;
  }

  /** The running child, if one is running. */
  get current(): ChildHandle | null {
    return this.child;
  }

  start(): void {
    this.launch();
  }

  /** Stops restarting, then stops the running child (if any). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
    const child = this.child;
    if (child) await child.stop();
  }

  private launch(): void {
    this.pending = null;
    if (this.stopped) return;
    const child = this.options.spawn();
    this.child = child;
    this.startedAt = this.timers.now();
    child.exited.then(
      (exit) => this.onExit(child, exit),
      () => this.onExit(child, { code: null, signal: null }),
    );
  }

  private onExit(child: ChildHandle, exit: ChildExit): void {
    if (this.child === child) this.child = null;
    if (this.stopped) return;
    const { name, log } = this.options;
    const how = describeExit(exit);
    if (this.options.restartable && !this.options.restartable()) {
      this.stopped = true;
      this.options.onGiveUp(`the ${name} exited (${how})`);
      return;
    }
    if (this.timers.now() - this.startedAt >= this.policy.stableAfterMs) this.failures = 0;
    this.failures += 1;
    if (this.failures > this.policy.maxFailures) {
      this.stopped = true;
      const reason =
        `the ${name} exited ${this.failures} times in a row, each within ` +
        `${this.policy.stableAfterMs / 1000} s of starting (last: ${how}); not restarting it again`;
      this.options.onGiveUp(reason);
      return;
    }
    const delay = restartDelay(this.failures, this.policy);
    log(`${name} exited (${how}); restarting in ${delay / 1000} s`);
    this.pending = this.timers.setTimeout(() => {
      this.restarts += 1;
      this.launch();
      const pid = this.child?.pid;
      log(`${name} restarted${pid === undefined ? '' : ` (pid ${pid})`}`);
    }, delay);
  }
}
