import { sessionIdOf } from '@onetrip/backend';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendProblem } from '../problem/problem.filter';
import { ProblemException } from '../problem/problem';

/**
 * The endpoints that make the server read a whole file or scan the event table: uploads and their
 * preview, pushes, runs, facets, journey timelines and rejected-row downloads. Cheap reads (lists,
 * a run's status while polling, results) are not limited.
 */
export const COSTLY_ROUTES: readonly { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/datasets\/[^/]+\/uploads(\/preview)?$/ },
  { method: 'POST', path: /^\/api\/v1\/datasets\/[^/]+\/events$/ },
  { method: 'POST', path: /^\/api\/v1\/datasets\/[^/]+\/runs$/ },
  { method: 'GET', path: /^\/api\/v1\/datasets\/[^/]+\/facets$/ },
  { method: 'GET', path: /^\/api\/v1\/datasets\/[^/]+\/journeys\/[^/]+\/timeline$/ },
  { method: 'GET', path: /^\/api\/v1\/uploads\/[^/]+\/rejected\.csv$/ },
];

const WINDOW_MS = 60_000;

/**
 * Requests within the last minute per key, in this process's memory (as the login throttle,
 * decision 0018/0020): `take` answers 0 and counts the request, or the milliseconds until the
 * oldest request leaves the window.
 */
export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs = WINDOW_MS,
  ) {}

  take(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return recent[0] + this.windowMs - now;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((t) => t <= now - this.windowMs)) this.hits.delete(key);
    }
  }
}

/** Whose request it is: the session (bearer or cookie, by its hash) or else the client address. */
function callerKey(req: IncomingMessage & { ip?: string }): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = /(?:^|;\s*)onetrip_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const token = bearer ?? cookie; // a push's ingestion key comes as a bearer token too
  return token ? `s:${sessionIdOf(token)}` : `ip:${req.ip ?? req.socket.remoteAddress ?? ''}`;
}

/** Express middleware: 429 `rate.limited` (with Retry-After) past `perMinute` costly requests. */
export function costlyRateLimit(
  perMinute: number,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const limit = new SlidingWindowLimit(perMinute);
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    const costly = COSTLY_ROUTES.some((r) => r.method === req.method && r.path.test(path));
    if (!costly) {
      next();
      return;
    }
    const wait = limit.take(callerKey(req));
    if (wait === 0) {
      next();
      return;
    }
    const seconds = Math.ceil(wait / 1000);
    res.setHeader('Retry-After', String(seconds));
    const problem = new ProblemException(
      429,
      'rate.limited',
      `More than ${perMinute} uploads, runs, facet or timeline reads in a minute; try again in ${seconds} s.`,
    ).problem;
    sendProblem(res, problem, path);
  };
}
