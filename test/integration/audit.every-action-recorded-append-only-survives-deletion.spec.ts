/**
 * The audit log: an analyst of the tax department logs in (after one wrong password), creates a
 * dataset, uploads, changes it, makes an ingestion key that a system pushes with, downloads the
 * rejected rows, mines, reads the dashboard (a dozen times), opens one journey's timeline, revokes
 * the key, deletes the dataset and logs out. Every action is one line with the user, role, client
 * address and user agent; repeated reads within an hour are one line; the database refuses to
 * change or remove a line; the lines outlive the dataset; only admins read GET /audit; GET
 * /datasets/:id/access answers the dataset's own managers and analysts and no one else.
 */
import type {
  AuditEventDto,
  AuditPageDto,
  DatasetAccessDto,
  DatasetDto,
  LoginDto,
  ProblemDetails,
  RunDto,
  UploadDto,
} from '@onetrip/contracts';
import { hashPassword } from '@onetrip/backend';
import { Client } from 'pg';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { apiSuite, TEST_ADMIN } from '../support/services';

const suite = apiSuite('audit-log');
const UA = 'audit-spec/1.0 (integration)';
const RAW_CITIZEN_ID = '330102198001011234';
const NEW_PASSWORD = 'a much longer secret for pat';
// 21 good rows (A1 twice, B1…B19 once) and one without a timestamp (rejected, under the 5% limit).
const CSV =
  'case_id,activity,timestamp,citizen_id\n' +
  `A1,申请,2024-03-01T09:00:00+08:00,${RAW_CITIZEN_ID}\n` +
  `A1,受理,2024-03-01T10:00:00+08:00,${RAW_CITIZEN_ID}\n` +
  Array.from(
    { length: 19 },
    (_, i) =>
      `B${i + 1},申请,2024-03-02T09:00:00+08:00,3301021980010${String(i).padStart(5, '0')}\n`,
  ).join('') +
  'B99,申请,,330102198001019999\n';
const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  citizen: 'citizen_id',
};

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: suite.db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function addUser(username: string, role: string, departments: string[]): Promise<void> {
  await sql(
    `INSERT INTO app_user (username, password_hash, role, departments) VALUES ($1, $2, $3, $4)`,
    [username, await hashPassword(`${username}-password`), role, departments],
  );
}

/** A client with a session token and the spec's user agent. */
function as(token: string) {
  const headers = { authorization: `Bearer ${token}`, 'user-agent': UA };
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${suite.api.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get('content-type') ?? '') && text !== '';
    return { status: res.status, body: (json ? JSON.parse(text) : text) as T };
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: (path: string) => call<unknown>('DELETE', path),
    upload: async <T>(path: string, content: string) => {
      const form = new FormData();
      form.append('mapping', JSON.stringify(MAPPING));
      form.append('file', new Blob([content], { type: 'text/csv' }), 'tax.csv');
      const res = await fetch(`${suite.api.url}${path}`, { method: 'POST', headers, body: form });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

async function login(username: string, password = `${username}-password`) {
  const res = await fetch(`${suite.api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: '', 'user-agent': UA },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as LoginDto & ProblemDetails };
}

const admin = () => as(TEST_ADMIN.token);

/** Every line matching the query, oldest first, read page by page. */
async function allLines(query: string): Promise<AuditEventDto[]> {
  const out: AuditEventDto[] = [];
  let before: string | null = null;
  do {
    const page: { status: number; body: AuditPageDto } = await admin().get<AuditPageDto>(
      `/api/v1/audit?${query}&limit=3${before ? `&before=${before}` : ''}`,
    );
    expect(page.status).toBe(200);
    out.push(...page.body.items);
    before = page.body.next;
  } while (before);
  return out.reverse();
}

describe('the audit log', () => {
  let ann: ReturnType<typeof as>;
  let annId: string;
  let dataset: DatasetDto;
  let upload: UploadDto;
  let run: RunDto;
  let keyId: string;

  beforeAll(async () => {
    await addUser('ann-tax-analyst', 'analyst', ['tax']);
    await addUser('max-tax-manager', 'manager', ['tax']);
    await addUser('vic-tax-viewer', 'viewer', ['tax']);
    await addUser('hana-health-analyst', 'analyst', ['health']);
    // A fixed clock: the whole story happens within one hour.
    suite.api.app.get(AuditService).now = () => Date.parse('2026-12-03T10:15:00Z');
  }, 30_000);

  it("records each of an analyst's actions once, with user, role, address and user agent", async () => {
    expect((await login('ann-tax-analyst', 'wrong')).status).toBe(401);
    const session = await login('ann-tax-analyst');
    expect(session.status).toBe(200);
    ann = as(session.body.token);
    annId = session.body.user.id;

    const made = await ann.post<DatasetDto>('/api/v1/datasets', {
      name: 'tax hall',
      department: 'tax',
    });
    expect(made.status).toBe(201);
    dataset = made.body;
    const d = `/api/v1/datasets/${dataset.id}`;
    const up = await ann.upload<UploadDto>(`${d}/uploads`, CSV);
    expect(up.status).toBe(201);
    upload = up.body;
    expect(upload.rowsAccepted).toBe(21);
    expect(upload.rowsRejected).toBe(1);
    expect((await ann.patch(d, { timezone: 'Asia/Shanghai' })).status).toBe(200);
    const key = await ann.post<{ id: string; key: string }>(`${d}/ingestion-keys`, {
      name: 'hall',
    });
    expect(key.status).toBe(201);
    keyId = key.body.id;
    const push = await fetch(`${suite.api.url}${d}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/x-ndjson' },
      body:
        JSON.stringify({
          case_id: 'C9',
          activity: '申请',
          timestamp: '2024-03-03T09:00:00+08:00',
        }) + '\n',
    });
    expect(push.status).toBe(201);
    const csv = await ann.get<string>(`/api/v1/uploads/${upload.id}/rejected.csv`);
    expect(csv.status).toBe(200);
    const mined = await ann.post<RunDto>(`${d}/runs`, {});
    expect(mined.status).toBe(202);
    run = mined.body;
    // What a dashboard fires by the dozen: one "viewed" line for the hour.
    expect((await ann.get(`${d}/runs`)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect((await ann.get(`${d}/facets`)).status).toBe(200);
      expect((await ann.get(`/api/v1/runs/${run.id}`)).status).toBe(200);
      expect((await ann.get(`/api/v1/uploads/${upload.id}`)).status).toBe(200);
    }
    // One journey's timeline: its own line (once per hour too).
    expect((await ann.get(`${d}/journeys/A1/timeline`)).status).toBe(200);
    expect((await ann.get(`${d}/journeys/A1/timeline`)).status).toBe(200);
    // A refused read (no such journey) is not an access.
    expect((await ann.get(`${d}/journeys/NOPE/timeline`)).status).toBe(404);
    expect((await ann.delete(`${d}/ingestion-keys/${keyId}`)).status).toBe(204);

    const lines = await allLines(`userId=${annId}`);
    expect(lines.map((l) => [l.action, l.targetKind, l.targetId])).toEqual([
      ['login-failed', null, null],
      ['login', null, null],
      ['created', 'dataset', dataset.id],
      ['uploaded', 'upload', upload.id],
      ['changed', 'dataset', dataset.id],
      ['created', 'ingestion-key', keyId],
      ['exported', 'upload', upload.id],
      ['mined', 'run', run.id],
      ['viewed', 'dataset', dataset.id],
      ['viewed', 'journey', 'A1'],
      ['deleted', 'ingestion-key', keyId],
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({
        userId: annId,
        username: 'ann-tax-analyst',
        role: 'analyst',
        userAgent: UA,
      });
      expect(line.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    }
    expect(lines.slice(2).every((l) => l.datasetId === dataset.id)).toBe(true);
    expect(lines[0].details).toEqual({
      route: 'POST /api/v1/auth/login',
      reason: 'auth.invalid-credentials',
    });
    expect(lines[3].details).toMatchObject({ rowsAccepted: 21, rowsRejected: 1 });
    expect(lines[4].details).toEqual({ route: 'PATCH /api/v1/datasets/:id', fields: ['timezone'] });
    expect(lines[8].details).toEqual({ route: 'GET /api/v1/datasets/:id/runs' });

    // The push has no user: its line names the key by its public prefix.
    const pushes = (await allLines(`datasetId=${dataset.id}&action=uploaded`)).filter(
      (l) => l.userId === null,
    );
    expect(pushes).toHaveLength(1);
    expect(pushes[0].details.ingestionKey).toBe(key.body.key.slice(0, 12));
    expect(pushes[0].targetKind).toBe('upload');
  });

  it('records another "viewed" line once the clock passes into the next hour', async () => {
    suite.api.app.get(AuditService).now = () => Date.parse('2026-12-03T11:00:01Z');
    expect((await ann.get(`/api/v1/datasets/${dataset.id}/facets`)).status).toBe(200);
    expect((await ann.get(`/api/v1/runs/${run.id}`)).status).toBe(200);
    const viewed = await allLines(`userId=${annId}&action=viewed`);
    expect(viewed.map((l) => [l.targetKind, l.details.route])).toEqual([
      ['dataset', 'GET /api/v1/datasets/:id/runs'],
      ['journey', 'GET /api/v1/datasets/:id/journeys/:key/timeline'],
      ['dataset', 'GET /api/v1/datasets/:id/facets'],
    ]);
  });

  it('filters by action, dataset and time range, and pages by keyset without gaps or repeats', async () => {
    const everything = await allLines('');
    const ids = everything.map((l) => BigInt(l.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    const tooMany = await admin().get<ProblemDetails>('/api/v1/audit?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('request.invalid');
    const bad = await admin().get<ProblemDetails>('/api/v1/audit?action=peeked');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('action');

    const exported = await allLines(`action=exported&datasetId=${dataset.id}`);
    expect(exported.map((l) => l.targetId)).toEqual([upload.id]);
    const future = await admin().get<AuditPageDto>(
      `/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body).toEqual({ items: [], next: null });
    const untilNow = await allLines(
      `to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&userId=${annId}`,
    );
    expect(untilNow.length).toBe(12);
  });

  it('records a password change, never the passwords', async () => {
    await addUser('pat-new-password', 'viewer', []);
    const pat = await login('pat-new-password');
    const changed = await as(pat.body.token).post('/api/v1/auth/password', {
      currentPassword: 'pat-new-password-password',
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    const lines = await allLines(`userId=${pat.body.user.id}`);
    expect(lines.map((l) => [l.action, l.details.route])).toEqual([
      ['login', 'POST /api/v1/auth/login'],
      ['password-changed', 'POST /api/v1/auth/password'],
    ]);
  });

  it('answers GET /audit to admins only', async () => {
    for (const username of ['ann-tax-analyst', 'max-tax-manager', 'vic-tax-viewer']) {
      const session = await login(username);
      const answer = await as(session.body.token).get<ProblemDetails>('/api/v1/audit');
      expect([username, answer.status, answer.body.code]).toEqual([
        username,
        403,
        'auth.forbidden',
      ]);
    }
  });

  it("answers GET /datasets/:id/access to admins and the department's managers and analysts", async () => {
    const path = `/api/v1/datasets/${dataset.id}/access`;
    const manager = as((await login('max-tax-manager')).body.token);
    const viewer = as((await login('vic-tax-viewer')).body.token);
    const outsider = as((await login('hana-health-analyst')).body.token);
    const seen = await manager.get<DatasetAccessDto>(path);
    expect(seen.status).toBe(200);
    const annSeen = seen.body.users.find((u) => u.userId === annId);
    expect(annSeen).toMatchObject({ username: 'ann-tax-analyst', role: 'analyst', count: 10 });
    expect(Object.fromEntries((annSeen?.actions ?? []).map((a) => [a.action, a.count]))).toEqual({
      created: 2,
      uploaded: 1,
      changed: 1,
      exported: 1,
      mined: 1,
      viewed: 3,
      deleted: 1,
    });
    const push = seen.body.users.find((u) => u.userId === null);
    expect(push?.actions).toEqual([expect.objectContaining({ action: 'uploaded', count: 1 })]);
    // The manager's own read of the access list is not an access to the data.
    expect(seen.body.users.some((u) => u.username === 'max-tax-manager')).toBe(false);
    expect((await admin().get(path)).status).toBe(200);
    expect((await ann.get(path)).status).toBe(200);
    const refused = await viewer.get<ProblemDetails>(path);
    expect([refused.status, refused.body.code]).toEqual([403, 'auth.forbidden']);
    const hidden = await outsider.get<ProblemDetails>(path);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'dataset.not-found']);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(sql(`UPDATE audit_event SET username = 'someone else'`)).rejects.toThrow(
      /audit_event is append-only: UPDATE refused/,
    );
    await expect(sql(`DELETE FROM audit_event WHERE user_id = $1`, [annId])).rejects.toThrow(
      /audit_event is append-only: DELETE refused/,
    );
    await expect(sql(`TRUNCATE audit_event`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE username = 'someone else'`,
    );
    expect(n).toBe(0);
  });

  it('keeps the lines of a deleted dataset, and records the deletion and the logout', async () => {
    const before = await allLines(`datasetId=${dataset.id}`);
    expect((await ann.delete(`/api/v1/datasets/${dataset.id}`)).status).toBe(204);
    expect((await admin().get(`/api/v1/datasets/${dataset.id}`)).status).toBe(404);
    expect((await ann.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await allLines(`datasetId=${dataset.id}`);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((l) => l.action)).toEqual(['deleted']);
    const last = (await allLines(`userId=${annId}`)).at(-1);
    expect(last).toMatchObject({ action: 'logout', userAgent: UA });
  });

  it('never holds a raw citizen id, a password, a session token or an ingestion key', async () => {
    const rows = await sql<{ line: string }>(`SELECT audit_event::text AS line FROM audit_event`);
    const text = rows.map((r) => r.line).join('\n');
    expect(rows.length).toBeGreaterThan(15);
    expect(text).not.toContain(RAW_CITIZEN_ID);
    for (const secret of [
      'wrong',
      'ann-tax-analyst-password',
      'pat-new-password-password',
      NEW_PASSWORD,
      TEST_ADMIN.password,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/ots_|otk_[\w-]{13}/);
    expect(text).not.toContain(TEST_ADMIN.token);
  });
});
