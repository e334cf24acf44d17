import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A line to append (the database sets id and at). */
export interface NewAuditLine {
  action: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  datasetId: string | null;
  targetKind: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  /** Lines with the same key are stored once (the "viewed" rule); null: always stored. */
  viewKey: string | null;
}

export interface AuditLine extends Omit<NewAuditLine, 'viewKey'> {
  id: string;
  at: Date;
}

export interface AuditFilter {
  userId?: string;
  username?: string;
  action?: string;
  datasetId?: string;
  from?: Date;
  to?: Date;
  /** Only lines with a smaller id (keyset paging, newest first). */
  before?: string;
  limit: number;
}

export interface AccessCount {
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  count: number;
  last: Date;
}

interface Row {
  id: string;
  at: Date;
  action: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  dataset_id: string | null;
  target_kind: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

/**
 * The audit log (audit_event): the only code that touches it. It appends and reads; the
 * database refuses anything else (migration AuditLog1796500000000).
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the line was stored, false when a line with its viewKey already was. */
  async append(line: NewAuditLine): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO audit_event (action, user_id, username, role, dataset_id, target_kind,
         target_id, ip, user_agent, details, view_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (view_key) DO NOTHING
       RETURNING id`,
      [
        line.action,
        line.userId,
        line.username,
        line.role,
        line.datasetId,
        line.targetKind,
        line.targetId,
        line.ip,
        line.userAgent,
        JSON.stringify(line.details),
        line.viewKey,
      ],
    );
    return rows.length > 0;
  }

  /** Newest first; `limit + 1` are read to know whether there is a next page. */
  async page(filter: AuditFilter): Promise<{ lines: AuditLine[]; next: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.userId) add('user_id = ?', filter.userId);
    if (filter.username) add('username = ?', filter.username);
    if (filter.action) add('action = ?', filter.action);
    if (filter.datasetId) add('dataset_id = ?', filter.datasetId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.before) add('id < ?', filter.before);
    params.push(filter.limit + 1);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id::text AS id, at, action, user_id, username, role, dataset_id, target_kind,
              target_id, ip, user_agent, details
       FROM audit_event ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY audit_event.id DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > filter.limit;
    const lines = rows.slice(0, filter.limit).map(toLine);
    return { lines, next: more ? lines[lines.length - 1].id : null };
  }

  /** Per user and action: how many lines name the dataset, and the latest. */
  async accessCounts(datasetId: string): Promise<AccessCount[]> {
    const rows = await this.dataSource.query<
      {
        user_id: string | null;
        username: string | null;
        role: string | null;
        action: string;
        count: number;
        last: Date;
      }[]
    >(
      `SELECT user_id, max(username) AS username, max(role) AS role, action,
              count(*)::int AS count, max(at) AS last
       FROM audit_event WHERE dataset_id = $1
       GROUP BY user_id, action
       ORDER BY last DESC`,
      [datasetId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      role: r.role,
      action: r.action,
      count: r.count,
      last: r.last,
    }));
  }
}

function toLine(r: Row): AuditLine {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    datasetId: r.dataset_id,
    targetKind: r.target_kind,
    targetId: r.target_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: r.details,
  };
}
