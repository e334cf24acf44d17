import { Injectable } from '@nestjs/common';
import {
  AuditRepository,
  DatasetRepository,
  RunRepository,
  UploadRepository,
  UserRepository,
  isUuid,
  sessionIdOf,
  type AccessCount,
  type AuditLine,
  type NewAuditLine,
} from '@onetrip/backend';
import {
  AuditQuerySchema,
  type AuditAction,
  type AuditEventDto,
  type AuditPageDto,
  type AuditTargetKind,
  type DatasetAccessDto,
  type DatasetAccessUserDto,
  type LoginDto,
  type UserRole,
} from '@onetrip/contracts';
import type { HttpRequest, HttpResponse } from '../auth/auth-user';
import { SESSION_COOKIE } from '../auth/auth.service';
import { notFound } from '../problem/problem';
import { validate } from '../problem/validate';

const HOUR_MS = 3_600_000;
const USER_AGENT_MAX = 300;

/** Routes that create a thing and answer it: the answer's id is the line's target. */
const CREATED: readonly [RegExp, AuditTargetKind][] = [
  [/^\/api\/v1\/datasets$/, 'dataset'],
  [/\/runs$/, 'run'],
  [/\/(uploads|events)$/, 'upload'],
  [/\/ingestion-keys$/, 'ingestion-key'],
];

type Routed = HttpRequest & {
  route?: { path?: string };
  params?: Record<string, string>;
  body?: unknown;
  socket?: { remoteAddress?: string };
};

interface Who {
  userId: string | null;
  username: string | null;
  role: string | null;
}

const str = (value: unknown, max = 200): string | null =>
  typeof value === 'string' && value !== '' ? value.slice(0, max) : null;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * The audit log: writes the lines AuditInterceptor hands it (the one place they are made) and
 * reads them for GET /audit and GET /datasets/:id/access. A line never holds a password, a token,
 * an ingestion key's secret, a file name or a request body's values: only ids, pseudonyms (journey
 * keys), the route, field names and counts.
 */
@Injectable()
export class AuditService {
  /** "viewed" keys written this clock hour, so repeated reads skip the database. */
  private seenViews = new Set<string>();
  private seenHour = -1;
  /** Run and upload ids → their dataset (never changes), for the reads polled by the dozen. */
  private readonly datasetOf = new Map<string, string>();
  /** The clock the hour of a "viewed" line is read from (a spec moves it forward). */
  now: () => number = Date.now;

  constructor(
    private readonly lines: AuditRepository,
    private readonly datasets: DatasetRepository,
    private readonly runs: RunRepository,
    private readonly uploads: UploadRepository,
    private readonly users: UserRepository,
  ) {}

  /** Writes the line for a request to an @Audited route; `answer` is the handler's result. */
  async recordRequest(
    action: AuditAction,
    request: HttpRequest,
    res: HttpResponse,
    answer: unknown,
    failed: boolean,
  ): Promise<void> {
    const req = request as Routed;
    const routePath = req.route?.path ?? '';
    const params = req.params ?? {};
    const line: NewAuditLine = {
      action,
      ...(await this.who(req, res, answer, failed)),
      datasetId: null,
      targetKind: null,
      targetId: null,
      ip: req.ip ?? req.socket?.remoteAddress ?? null,
      userAgent: str(req.headers['user-agent'], USER_AGENT_MAX),
      details: { route: `${req.method ?? 'GET'} ${routePath}` },
      viewKey: null,
    };
    await this.target(line, routePath, params, req.method ?? 'GET', answer);
    this.addDetails(line, req, res, answer);
    if (action === 'viewed' && line.datasetId && line.userId) {
      const hour = Math.floor(this.now() / HOUR_MS);
      if (hour !== this.seenHour) {
        this.seenHour = hour;
        this.seenViews = new Set();
      }
      const journey = line.targetKind === 'journey' ? line.targetId : '';
      line.viewKey = `${line.userId}|${line.datasetId}|${journey}|${hour}`;
      if (this.seenViews.has(line.viewKey)) return;
      await this.lines.append(line);
      this.seenViews.add(line.viewKey);
      return;
    }
    await this.lines.append(line);
  }

  private async who(
    req: Routed,
    res: HttpResponse,
    answer: unknown,
    failed: boolean,
  ): Promise<Who> {
    if (req.user) {
      return { userId: req.user.id, username: req.user.username, role: req.user.role };
    }
    if (failed) {
      // A failed login: the name tried (and whose it is, if anyone's); never the password.
      const username = str(record(req.body).username);
      const user = username ? await this.users.findByUsername(username) : null;
      return { userId: user?.id ?? null, username, role: user?.role ?? null };
    }
    const login = answer as Partial<LoginDto> | undefined;
    if (login?.user) {
      return { userId: login.user.id, username: login.user.username, role: login.user.role };
    }
    // A one-time link answers a redirect: the session it opened names the user.
    const token = sessionCookie(res);
    const found = token ? await this.users.findSession(sessionIdOf(token)) : null;
    if (found) {
      return { userId: found.user.id, username: found.user.username, role: found.user.role };
    }
    return { userId: null, username: null, role: null };
  }

  private async target(
    line: NewAuditLine,
    routePath: string,
    params: Record<string, string>,
    method: string,
    answer: unknown,
  ): Promise<void> {
    const kind = /^\/api\/v1\/(datasets|runs|uploads|users)\/:id(\/|$)/.exec(routePath)?.[1];
    const id = params.id;
    if (kind && id && isUuid(id)) {
      if (kind === 'datasets') line.datasetId = id;
      else if (kind === 'users') line.targetKind = 'user';
      else {
        const what = kind === 'runs' ? 'run' : 'upload';
        line.targetKind = what;
        line.datasetId = await this.datasetIdOf(what, id);
      }
      if (kind !== 'datasets') line.targetId = id;
    }
    if (params.key !== undefined) {
      line.targetKind = 'journey';
      line.targetId = params.key.slice(0, 500);
    }
    if (params.keyId !== undefined) {
      line.targetKind = 'ingestion-key';
      line.targetId = params.keyId.slice(0, 100);
    }
    const made = record(answer);
    const created = CREATED.find(([pattern]) => pattern.test(routePath));
    if (method === 'POST' && created && typeof made.id === 'string') {
      if (created[1] === 'dataset') line.datasetId = made.id;
      else {
        line.targetKind = created[1];
        line.targetId = made.id;
      }
    }
    if (line.datasetId && !line.targetKind) line.targetKind = 'dataset';
    if (line.targetKind === 'dataset') line.targetId = line.datasetId;
  }

  private async datasetIdOf(kind: 'run' | 'upload', id: string): Promise<string | null> {
    const known = this.datasetOf.get(id);
    if (known) return known;
    const found =
      kind === 'run'
        ? (await this.runs.findById(id))?.datasetId
        : (await this.uploads.findById(id))?.datasetId;
    if (!found) return null;
    if (this.datasetOf.size > 10_000) this.datasetOf.clear();
    this.datasetOf.set(id, found);
    return found;
  }

  /** What a line says besides who and what: field names and counts, never values. */
  private addDetails(line: NewAuditLine, req: Routed, res: HttpResponse, answer: unknown): void {
    const made = record(answer);
    if (line.action === 'changed') {
      line.details.fields = Object.keys(record(req.body)).sort().slice(0, 50);
    }
    if (line.action === 'uploaded') {
      for (const key of ['rowsRead', 'rowsAccepted', 'rowsRejected', 'rowsDuplicate', 'status']) {
        if (made[key] !== undefined) line.details[key] = made[key];
      }
      const key = /^Bearer\s+(otk_\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      // The key's public prefix (shown in key lists), never the key.
      if (key) line.details.ingestionKey = key.slice(0, 12);
    }
    if (line.action === 'mined') line.details.joined = res.statusCode === 200;
    if (line.action === 'login-failed') line.details.reason = 'auth.invalid-credentials';
  }

  async page(query: unknown): Promise<AuditPageDto> {
    const q = validate(AuditQuerySchema, query, 'query');
    const { lines, next } = await this.lines.page({
      ...q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    });
    return { items: lines.map(toDto), next };
  }

  async access(datasetId: string): Promise<DatasetAccessDto> {
    if (!isUuid(datasetId) || !(await this.datasets.findById(datasetId))) {
      throw notFound('dataset', datasetId);
    }
    return { datasetId, users: groupByUser(await this.lines.accessCounts(datasetId)) };
  }
}

function sessionCookie(res: HttpResponse): string | null {
  const header = res.getHeader('set-cookie');
  const values = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  for (const value of values) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(value);
    if (match) return decodeURIComponent(match[1]);
  }
  return null;
}

function toDto(line: AuditLine): AuditEventDto {
  return {
    id: line.id,
    at: line.at.toISOString(),
    action: line.action as AuditAction,
    userId: line.userId,
    username: line.username,
    role: line.role as UserRole | null,
    datasetId: line.datasetId,
    targetKind: line.targetKind as AuditTargetKind | null,
    targetId: line.targetId,
    ip: line.ip,
    userAgent: line.userAgent,
    details: line.details,
  };
}

/** Counts per (user, action), most recent first, folded into one entry per user. */
export function groupByUser(counts: readonly AccessCount[]): DatasetAccessUserDto[] {
  const users = new Map<string, DatasetAccessUserDto>();
  for (const c of counts) {
    const key = c.userId ?? '';
    let user = users.get(key);
    if (!user) {
      user = {
        userId: c.userId,
        username: c.username,
        role: c.role as UserRole | null,
        count: 0,
        last: c.last.toISOString(),
        actions: [],
      };
      users.set(key, user);
    }
    user.count += c.count;
    if (c.last.toISOString() > user.last) user.last = c.last.toISOString();
    user.actions.push({
      action: c.action as AuditAction,
      count: c.count,
      last: c.last.toISOString(),
    });
  }
  return [...users.values()].sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
}
