import {
  RESTART_POLICY,
  Supervisor,
  restartDelay,
  type ChildExit,
  type ChildHandle,
  type Timers,
} from './supervisor';

/** A child whose exit the test decides. */
class FakeChild implements ChildHandle {
  exited: Promise<ChildExit>;
  stopCalls = 0;
  private resolveExit: (exit: ChildExit) => void = () => undefined;
  constructor(readonly pid: number) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.resolveExit({ code, signal });
  }
  stop(): Promise<void> {
    this.stopCalls += 1;
    this.exit(null, 'SIGTERM');
    return this.exited.then(() => undefined);
  }
}

/** A clock that moves only when the test says so. */
class FakeClock implements Timers {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => void this.timers.delete(handle as number);
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.time) {
        this.timers.delete(id);
        t.fn();
      }
    }
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function supervised(options: { restartable?: () => boolean } = {}) {
  const clock = new FakeClock();
  const children: FakeChild[] = [];
  const lines: string[] = [];
  const gaveUp: string[] = [];
  const supervisor = new Supervisor({
    name: 'api',
    spawn: () => {
      const child = new FakeChild(1000 + children.length);
      children.push(child);
      return child;
    },
    log: (line) => lines.push(line),
    onGiveUp: (reason) => gaveUp.push(reason),
    timers: clock,
    ...options,
  });
  supervisor.start();
  return { clock, children, lines, gaveUp, supervisor };
}

describe('a supervised process that exits', () => {
  it('is started again after 1 s, with a log line saying why and when', async () => {
    const { clock, children, lines, supervisor } = supervised();
    expect(children).toHaveLength(1);
    children[0].exit(null, 'SIGKILL');
    await settle();
    expect(lines).toEqual(['api exited (signal SIGKILL); restarting in 1 s']);
    expect(supervisor.current).toBeNull();
    clock.advance(999);
    expect(children).toHaveLength(1);
    clock.advance(1);
    expect(children).toHaveLength(2);
    expect(supervisor.current).toBe(children[1]);
    expect(supervisor.restarts).toBe(1);
    expect(lines[1]).toBe('api restarted (pid 1001)');
  });

  it('waits twice as long after each quick failure in a row, at most 30 s', async () => {
    const { clock, children, lines } = supervised();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(100); // up for a moment only
      children[children.length - 1].exit(1);
      await settle();
      delays.push(...clock.pendingDelays());
      clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(lines.filter((l) => l.startsWith('api exited'))[5]).toBe(
      'api exited (code 1); restarting in 30 s',
    );
  });

  it('starts counting again once a child stayed up for a minute', async () => {
    const { clock, children } = supervised();
    for (let i = 0; i < 3; i++) {
      children[children.length - 1].exit(1);
      await settle();
      clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    clock.advance(RESTART_POLICY.stableAfterMs);
    children[children.length - 1].exit(1);
    await settle();
    expect(clock.pendingDelays()).toEqual([1000]);
  });

  it('gives up after 8 quick failures in a row and says so', async () => {
    const { clock, children, gaveUp, lines } = supervised();
    for (let i = 0; i < 8; i++) {
      children[children.length - 1].exit(3);
      await settle();
      clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    expect(children).toHaveLength(9);
    expect(gaveUp).toEqual([]);
    children[8].exit(3);
    await settle();
    expect(clock.pendingDelays()).toEqual([]);
    expect(gaveUp).toEqual([
      'the api exited 9 times in a row, each within 60 s of starting (last: code 3); not restarting it again',
    ]);
    expect(lines.filter((l) => l.includes('restarting in'))).toHaveLength(8);
  });

  it('is not restarted while restarts are not allowed (start-up): the caller hears at once', async () => {
    const { children, gaveUp, clock } = supervised({ restartable: () => false });
    children[0].exit(1);
    await settle();
    expect(gaveUp).toEqual(['the api exited (code 1)']);
    expect(clock.pendingDelays()).toEqual([]);
  });
});

describe('stopping a supervisor', () => {
  it('stops the running child and starts no other', async () => {
    const { children, clock, supervisor, lines } = supervised();
    await supervisor.stop();
    expect(children[0].stopCalls).toBe(1);
    await settle();
    expect(clock.pendingDelays()).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('cancels a restart that was waiting', async () => {
    const { children, clock, supervisor } = supervised();
    children[0].exit(1);
    await settle();
    expect(clock.pendingDelays()).toEqual([1000]);
    await supervisor.stop();
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(60_000);
    expect(children).toHaveLength(1);
  });
});

describe('restartDelay', () => {
  it('doubles from 1 s and stays at 30 s', () => {
    expect([1, 2, 3, 5, 6, 20].map((n) => restartDelay(n, RESTART_POLICY))).toEqual([
      1000, 2000, 4000, 16_000, 30_000, 30_000,
    ]);
  });
});
