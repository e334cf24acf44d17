import type {
  AuditPageDto,
  AuditQuery,
  DatasetAccessDto,
  ChannelRoles,
  ColumnMapping,
  QueueActivities,
  UploadLayout,
  UploadDeletionDto,
  CreateDatasetRequest,
  CreateRunRequest,
  CreatedIngestionKeyDto,
  DatasetDto,
  CreateGoalRequest,
  FacetsDto,
  GoalDto,
  IngestionKeyDto,
  JourneyTimelineDto,
  LoginDto,
  SessionDto,
  AuthMethodsDto,
  ProblemDetails,
  RunDto,
  RunResultDto,
  UpdateDatasetRequest,
  UpdateGoalRequest,
  UploadDto,
  UploadSummaryDto,
  UploadErrorPolicy,
  UploadPreviewDto,
  CreateUserRequest,
  UpdateUserRequest,
  UserAdminDto,
  UserWithPasswordDto,
} from '@onetrip/contracts';

/**
 * The session's CSRF token (from login or /auth/me): the api refuses a cookie session's POST,
 * PATCH or DELETE without it in X-CSRF-Token. Every request of this module sends it.
 */
let csrfToken: string | null = null;

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const csrfHeader = (method: string): Record<string, string> =>
  csrfToken && !SAFE_METHODS.has(method) ? { 'x-csrf-token': csrfToken } : {};

/** How much of a file the preview reads (the server reads no more either). */
export const PREVIEW_BYTES = 64 * 1024;

/** A failed API call, carrying the server's problem details (or ones made up for the failure). */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
  }
}

export interface UploadOptions {
  /** Fields left out use the format's defaults (the XES standard attributes, say). */
  mapping?: Partial<ColumnMapping>;
  /** Chosen by the client (a UUID) so that progress can be polled while the request runs. */
  uploadId?: string;
  /** Only when the user overrides the detected encoding. */
  encoding?: string;
  /** .xlsx only: the sheet chosen in the dialog (default: the first with a value). */
  sheet?: string;
  onError?: UploadErrorPolicy;
  /** 0..1 */
  maxRejectedRatio?: number;
  /** Channel value → role, saved with the dataset on success (docs/ingest.md#channel-roles). */
  channelRoles?: ChannelRoles;
  /** Queue activities, saved with the dataset on success (docs/ingest.md#queue-activities). */
  queueActivities?: QueueActivities;
  /** 'ticket-rows': a queue export with one row per ticket; gbt-case, …: a government table preset. */
  layout?: UploadLayout;
  /** Bytes sent so far and the total, as the browser reports them. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ApiClient {
  listDatasets(): Promise<DatasetDto[]>;
  /** Deletes the dataset and all its data; 409 `dataset.ingesting` while an upload is read. */
  deleteDataset(datasetId: string): Promise<void>;
  createDataset(request: CreateDatasetRequest): Promise<DatasetDto>;
  /** Changes what may change later: the channel roles (the next runs mine with them). */
  updateDataset(datasetId: string, request: UpdateDatasetRequest): Promise<DatasetDto>;
  /** Replaces the dataset's time-limit table with a CSV's rows (422 `limits.invalid`). */
  uploadLimits(datasetId: string, csv: string): Promise<DatasetDto>;
  upload(datasetId: string, file: File, options?: UploadOptions): Promise<UploadDto>;
  /** What the first 64 KiB of `file` look like, and how to map its columns. */
  previewUpload(
    datasetId: string,
    file: File,
    options?: { encoding?: string; sheet?: string },
  ): Promise<UploadPreviewDto>;
  /** An upload's report; while it runs, its live counts (404 until its first bytes arrive). */
  getUpload(uploadId: string): Promise<UploadDto>;
  /**
   * Deletes an upload with the events it added and its rejected rows (and, when events went, the
   * dataset's runs); 409 `upload.receiving` while an upload of the dataset is being read.
   */
  deleteUpload(uploadId: string): Promise<UploadDeletionDto>;
  /** A dataset's uploads, newest first (at most `limit`). */
  listUploads(datasetId: string, limit?: number): Promise<UploadSummaryDto[]>;
  /** Where every rejected row of an upload can be downloaded as CSV. */
  rejectedCsvUrl(uploadId: string): string;
  /** The absolute URL systems push NDJSON events to (for the curl example). */
  eventsUrl(datasetId: string): string;
  listIngestionKeys(datasetId: string): Promise<IngestionKeyDto[]>;
  createIngestionKey(datasetId: string, name?: string): Promise<CreatedIngestionKeyDto>;
  revokeIngestionKey(datasetId: string, keyId: string): Promise<void>;
  startRun(datasetId: string, request?: CreateRunRequest): Promise<RunDto>;
  /** The dataset's latest runs, newest first. */
  listRuns(datasetId: string): Promise<RunDto[]>;
  getRun(runId: string): Promise<RunDto>;
  /** The run's Server-Sent Events stream (`GET /runs/:id/events`), for EventSource. */
  runEventsUrl(runId: string): string;
  getRunResult(runId: string): Promise<RunResultDto>;
  /** The values filter controls offer, and events per month for the time brush. */
  getFacets(datasetId: string): Promise<FacetsDto>;
  /** Every journey of one key (with `service` for citizen+service journeys). */
  getTimeline(
    datasetId: string,
    key: string,
    query?: { service?: string; journey?: string },
  ): Promise<JourneyTimelineDto>;
  /** A page of the audit log, newest first (admins only). */
  listAudit(query: Partial<AuditQuery>): Promise<AuditPageDto>;
  /** Who accessed a dataset (admins, the dataset's managers and analysts). */
  getDatasetAccess(datasetId: string): Promise<DatasetAccessDto>;
  /** The dataset's reform goals, each measured on its newest run. */
  listGoals(datasetId: string): Promise<GoalDto[]>;
  createGoal(datasetId: string, request: CreateGoalRequest): Promise<GoalDto>;
  updateGoal(datasetId: string, goalId: string, request: UpdateGoalRequest): Promise<GoalDto>;
}

export interface ApiClientOptions {
  /** Prefix of every path; '' means the page's own origin. */
  baseUrl: string;
  fetch: typeof fetch;
  createXhr: () => XMLHttpRequest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problem details from a response body, or a generic one when the body is not one. */
export function toProblem(status: number, statusText: string, body: unknown): ProblemDetails {
  if (isRecord(body) && typeof body.title === 'string') {
    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : status,
      code: typeof body.code === 'string' ? body.code : `http_${status}`,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
      ...(typeof body.instance === 'string' ? { instance: body.instance } : {}),
      ...(typeof body.file === 'string' ? { file: body.file } : {}),
      ...(typeof body.line === 'number' ? { line: body.line } : {}),
      ...(typeof body.column === 'string' ? { column: body.column } : {}),
      ...(Array.isArray(body.errors)
        ? { errors: body.errors as NonNullable<ProblemDetails['errors']> }
        : {}),
    };
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    code: `http_${status}`,
  };
}

export const NETWORK_ERROR_CODE = 'network_error';

function networkError(detail: string): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    code: NETWORK_ERROR_CODE,
    detail,
  });
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Lists may come bare or wrapped (`{ items: [...] }`); both read the same. */
function unwrapList<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body)) {
    for (const key of ['items', 'data']) {
      if (Array.isArray(body[key])) return body[key] as T[];
    }
  }
  throw new ApiError({
    type: 'about:blank',
    title: 'Unexpected response',
    status: 200,
    code: 'unexpected_response',
    detail: 'expected a list',
  });
}

export function createApiClient(options: Partial<ApiClientOptions> = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());
  const url = (path: string): string => `${baseUrl}/api/v1${path}`;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      const form = body instanceof FormData;
      response = await doFetch(url(path), {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...csrfHeader(method),
          // FormData sets its own multipart content type (with the boundary).
          ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      });
    } catch (error) {
      throw networkError(error instanceof Error ? error.message : String(error));
    }
    const parsed = parseJson(await response.text());
    if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, parsed));
    return parsed as T;
  }

  function upload(datasetId: string, file: File, opts: UploadOptions = {}): Promise<UploadDto> {
    return new Promise<UploadDto>((resolve, reject) => {
      const xhr = createXhr();
      xhr.open('POST', url(`/datasets/${encodeURIComponent(datasetId)}/uploads`));
      xhr.setRequestHeader('accept', 'application/json, application/problem+json');
      if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) opts.onProgress?.(event.loaded, event.total);
      });
      xhr.addEventListener('load', () => {
        const body = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadDto);
        else reject(new ApiError(toProblem(xhr.status, xhr.statusText, body)));
      });
      xhr.addEventListener('error', () => reject(networkError('upload failed')));
      xhr.addEventListener('abort', () => reject(new DOMException('Upload aborted', 'AbortError')));
      opts.signal?.addEventListener('abort', () => xhr.abort());
      const form = new FormData();
      // Options go first: the server streams the file and must know them before it.
      if (opts.mapping) form.append('mapping', JSON.stringify(opts.mapping));
      if (opts.onError) form.append('onError', opts.onError);
      if (opts.maxRejectedRatio !== undefined) {
        form.append('maxRejectedRatio', String(opts.maxRejectedRatio));
      }
      if (opts.encoding) form.append('encoding', opts.encoding);
      if (opts.sheet) form.append('sheet', opts.sheet);
      if (opts.channelRoles) form.append('channelRoles', JSON.stringify(opts.channelRoles));
      if (opts.queueActivities) {
        form.append('queueActivities', JSON.stringify(opts.queueActivities));
      }
      if (opts.layout) form.append('layout', opts.layout);
      if (opts.uploadId) form.append('uploadId', opts.uploadId);
      form.append('file', file, file.name);
      xhr.send(form);
    });
  }

  return {
    listDatasets: async () => unwrapList<DatasetDto>(await request<unknown>('GET', '/datasets')),
    deleteDataset: async (datasetId) => {
      await request<unknown>('DELETE', `/datasets/${encodeURIComponent(datasetId)}`);
    },
    createDataset: (body) => request<DatasetDto>('POST', '/datasets', body),
    updateDataset: (datasetId, body) =>
      request<DatasetDto>('PATCH', `/datasets/${encodeURIComponent(datasetId)}`, body),
    uploadLimits: (datasetId, csv) =>
      request<DatasetDto>('PUT', `/datasets/${encodeURIComponent(datasetId)}/deadlines/limits`, {
        csv,
      }),
    upload,
    previewUpload: (datasetId, file, opts = {}) => {
      const form = new FormData();
      if (opts.encoding) form.append('encoding', opts.encoding);
      if (opts.sheet) form.append('sheet', opts.sheet);
      // A workbook's zip directory is at its end: the server needs all of it to preview.
      const whole = /\.(xlsx|xlsm)$/i.test(file.name);
      form.append('file', whole ? file : file.slice(0, PREVIEW_BYTES), file.name);
      return request<UploadPreviewDto>(
        'POST',
        `/datasets/${encodeURIComponent(datasetId)}/uploads/preview`,
        form,
      );
    },
    getUpload: (uploadId) => request<UploadDto>('GET', `/uploads/${encodeURIComponent(uploadId)}`),
    deleteUpload: (uploadId) =>
      request<UploadDeletionDto>('DELETE', `/uploads/${encodeURIComponent(uploadId)}`),
    listUploads: async (datasetId, limit) =>
      unwrapList<UploadSummaryDto>(
        await request<unknown>(
          'GET',
          `/datasets/${encodeURIComponent(datasetId)}/uploads${limit === undefined ? '' : `?limit=${limit}`}`,
        ),
      ),
    rejectedCsvUrl: (uploadId) => url(`/uploads/${encodeURIComponent(uploadId)}/rejected.csv`),
    eventsUrl: (datasetId) =>
      new URL(url(`/datasets/${encodeURIComponent(datasetId)}/events`), location.href).href,
    listIngestionKeys: async (datasetId) =>
      unwrapList<IngestionKeyDto>(
        await request<unknown>('GET', `/datasets/${encodeURIComponent(datasetId)}/ingestion-keys`),
      ),
    createIngestionKey: (datasetId, name) =>
      request<CreatedIngestionKeyDto>(
        'POST',
        `/datasets/${encodeURIComponent(datasetId)}/ingestion-keys`,
        name ? { name } : {},
      ),
    revokeIngestionKey: async (datasetId, keyId) => {
      await request<unknown>(
        'DELETE',
        `/datasets/${encodeURIComponent(datasetId)}/ingestion-keys/${encodeURIComponent(keyId)}`,
      );
    },
    startRun: (datasetId, body = {}) =>
      request<RunDto>('POST', `/datasets/${encodeURIComponent(datasetId)}/runs`, body),
    listRuns: async (datasetId) =>
      unwrapList<RunDto>(
        await request<unknown>('GET', `/datasets/${encodeURIComponent(datasetId)}/runs`),
      ),
    getRun: (runId) => request<RunDto>('GET', `/runs/${encodeURIComponent(runId)}`),
    runEventsUrl: (runId) => url(`/runs/${encodeURIComponent(runId)}/events`),
    getRunResult: (runId) =>
      request<RunResultDto>('GET', `/runs/${encodeURIComponent(runId)}/result`),
    getFacets: (datasetId) =>
      request<FacetsDto>('GET', `/datasets/${encodeURIComponent(datasetId)}/facets`),
    getTimeline: (datasetId, key, query = {}) => {
      const search = new URLSearchParams();
      if (query.service) search.set('service', query.service);
      if (query.journey) search.set('journey', query.journey);
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return request<JourneyTimelineDto>(
        'GET',
        `/datasets/${encodeURIComponent(datasetId)}/journeys/${encodeURIComponent(key)}/timeline${suffix}`,
      );
    },
    listAudit: (query) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') search.set(name, String(value));
      }
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return request<AuditPageDto>('GET', `/audit${suffix}`);
    },
    getDatasetAccess: (datasetId) =>
      request<DatasetAccessDto>('GET', `/datasets/${encodeURIComponent(datasetId)}/access`),
    listGoals: async (datasetId) =>
      unwrapList<GoalDto>(
        await request<unknown>('GET', `/datasets/${encodeURIComponent(datasetId)}/goals`),
      ),
    createGoal: (datasetId, body) =>
      request<GoalDto>('POST', `/datasets/${encodeURIComponent(datasetId)}/goals`, body),
    updateGoal: (datasetId, goalId, body) =>
      request<GoalDto>(
        'PATCH',
        `/datasets/${encodeURIComponent(datasetId)}/goals/${encodeURIComponent(goalId)}`,
        body,
      ),
  };
}

/** Login, logout and "who am I" (docs/security.md); they keep the CSRF token for the client. */
export interface AuthClient {
  /** The session of the page's cookie, or null when there is none (the login page is shown). */
  me(): Promise<SessionDto | null>;
  login(username: string, password: string): Promise<SessionDto>;
  logout(): Promise<void>;
  /** How one may sign in: password, and the city's single sign-on when the api has one. */
  methods(): Promise<AuthMethodsDto>;
}

export function createAuthClient(options: Partial<ApiClientOptions> = {}): AuthClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  async function call<T>(method: string, path: string, body?: unknown): Promise<T | null> {
    const response = await doFetch(`${baseUrl}/api/v1/auth${path}`, {
      method,
      headers: {
        accept: 'application/json, application/problem+json',
        ...csrfHeader(method),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = parseJson(await response.text());
    if (response.status === 401 && path === '/me') return null;
    if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, parsed));
    return parsed as T;
  }
  return {
    async me() {
      const session = await call<SessionDto>('GET', '/me');
      csrfToken = session?.csrfToken ?? null;
      return session;
    },
    async login(username, password) {
      const session = await call<LoginDto>('POST', '/login', { username, password });
      if (!session) throw new Error('login answered nothing');
      csrfToken = session.csrfToken;
      return session;
    },
    async logout() {
      await call<unknown>('POST', '/logout');
      csrfToken = null;
    },
    async methods() {
      return (await call<AuthMethodsDto>('GET', '/methods')) ?? { password: true, oidc: null };
    },
  };
}

/** User management for admins (`/api/v1/users`, docs/api.md#users). */
export interface UsersClient {
  list(): Promise<UserAdminDto[]>;
  /** The created user, and its password when none was given (the only time it is shown). */
  create(request: CreateUserRequest): Promise<UserWithPasswordDto>;
  /** Role, departments or disabled; disabling ends the user's sessions at once. */
  update(userId: string, request: UpdateUserRequest): Promise<UserAdminDto>;
  /** A generated password (answered once); every session of the user ends. */
  resetPassword(userId: string): Promise<UserWithPasswordDto>;
}

export function createUsersClient(options: Partial<ApiClientOptions> = {}): UsersClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1/users${path}`, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...csrfHeader(method),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw networkError(error instanceof Error ? error.message : String(error));
    }
    const parsed = parseJson(await response.text());
    if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, parsed));
    return parsed as T;
  }
  return {
    list: async () => unwrapList<UserAdminDto>(await call<unknown>('GET', '')),
    create: (request) => call<UserWithPasswordDto>('POST', '', request),
    update: (userId, request) =>
      call<UserAdminDto>('PATCH', `/${encodeURIComponent(userId)}`, request),
    resetPassword: (userId) =>
      call<UserWithPasswordDto>('POST', `/${encodeURIComponent(userId)}/password`, {}),
  };
}
