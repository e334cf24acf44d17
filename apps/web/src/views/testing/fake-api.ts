/** An in-memory ApiClient for the view tests, and helpers to drive the DOM. */
import type {
  AuditEventDto,
  AuditQuery,
  DatasetAccessUserDto,
  CreatedIngestionKeyDto,
  CreateGoalRequest,
  DatasetDto,
  GoalDto,
  IngestionKeyDto,
  RunDto,
  UploadDto,
  UploadPreviewDto,
  UploadSummaryDto,
} from '@onetrip/contracts';
import type { ApiClient, UploadOptions } from '../../api/client';
import { ApiError } from '../../api/client';
import { buildingPermit } from '../../charts/fixtures/building-permit';

export const NOW = '2025-03-04T05:06:00Z';

export function datasetDto(id: string, name: string, eventCount: number): DatasetDto {
  return {
    id,
    name,
    description: null,
    timezone: 'Asia/Shanghai',
    department: null,
    version: eventCount > 0 ? 1 : 0,
    eventCount,
    mapping: null,
    channelRoles: null,
    queueActivities: null,
    deadlines: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

export function runDto(status: RunDto['status'], progress: number): RunDto {
  return {
    id: 'r1',
    datasetId: 'd1',
    datasetVersion: 1,
    status,
    progress,
    params: {},
    error: null,
    cached: false,
    createdAt: NOW,
    startedAt: NOW,
    finishedAt: status === 'completed' ? NOW : null,
  };
}

/** A goal as the api answers it before any run (progress: no-run). */
export function goalDto(id: string, datasetId: string, body: CreateGoalRequest): GoalDto {
  return {
    id,
    datasetId,
    title: body.title ?? null,
    kpi: body.kpi,
    scope: body.scope,
    direction: body.direction ?? 'decrease',
    baseline: body.baseline,
    target: body.target,
    deadline: body.deadline,
    owner: body.owner,
    createdBy: 'maria',
    createdAt: NOW,
    updatedAt: NOW,
    progress: {
      datasetVersion: null,
      runId: null,
      measuredAt: null,
      reason: 'no-run',
      message: 'The dataset has not been mined yet.',
      baselineValue: null,
      targetValue: null,
      status: null,
      currentPeriod: null,
      current: null,
      progress: null,
      projectedShare: null,
      actual: [],
      plan: [],
      projection: [],
    },
  };
}

/** What a fake upload was asked to do (callbacks and signal left out). */
export interface SentUpload {
  datasetId: string;
  file: string;
  options: Omit<UploadOptions, 'onProgress' | 'signal'>;
}

export function uploadReport(
  datasetId: string,
  fileName: string,
  patch: Partial<UploadDto> = {},
): UploadDto {
  return {
    id: 'u1',
    datasetId,
    fileName,
    status: 'completed',
    bytes: 10,
    rowsRead: 715,
    rowsAccepted: 713,
    rowsRejected: 2,
    rowsDuplicate: 0,
    onError: 'skip',
    maxRejectedRatio: 0.05,
    errorCode: null,
    error: null,
    rejected: [{ line: 9, column: 'timestamp', reason: 'not a date' }],
    createdAt: NOW,
    finishedAt: NOW,
    ...patch,
  };
}

/** What the server answers for the first 64 KiB of a CSV export with its own column names. */
export function previewDto(patch: Partial<UploadPreviewDto> = {}): UploadPreviewDto {
  return {
    fileName: 'permits.csv',
    format: 'csv',
    gzip: false,
    encoding: 'utf-8',
    delimiter: ',',
    headers: ['application_no', 'activity', 'step_time', 'citizen_id', 'hall'],
    rows: [
      ['BDC1', '受理', '2024-03-05 09:17:00', '330102198102001118', '市民中心'],
      ['BDC1', '审核', '2024-03-06 10:00:00', '330102198102001118', ''],
    ],
    suggestedMapping: {
      activity: 'activity',
      timestamp: 'step_time',
      citizen: 'citizen_id',
      location: 'hall',
    },
    identifierColumns: ['citizen_id'],
    savedMapping: null,
    suggestedChannelRoles: { hall: { 市民中心: 'in-person' } },
    savedChannelRoles: null,
    suggestedQueueActivities: {},
    savedQueueActivities: null,
    suggestedLayout: 'events',
    bytesRead: 180,
    ...patch,
  };
}

export type FakeApi = ApiClient & {
  /** The dataset's goals (GET …/goals answers them); created ones are added. */
  goals: GoalDto[];
  /** The bodies of POST / PATCH …/goals, in order (goalId null: a new goal). */
  goalRequests: { goalId: string | null; body: CreateGoalRequest }[];
  uploads: SentUpload[];
  /** The bodies of PATCH /datasets/:id, in order. */
  updates: { datasetId: string; body: unknown }[];
  limitUploads: { datasetId: string; csv: string }[];
  /** The ids of DELETE /datasets/:id that succeeded, in order. */
  deleted: string[];
  /** When set, DELETE /datasets/:id is refused with it (e.g. a 409 dataset.ingesting). */
  deleteRefusal: ApiError | null;
  previews: { file: string; size: number; encoding?: string; sheet?: string }[];
  keys: IngestionKeyDto[];
  /** Lets a test hold the upload open: resolve or reject it, or watch it be aborted. */
  holdUploads: boolean;
  held: {
    resolve: (report: UploadDto) => void;
    reject: (error: unknown) => void;
    progress: (loaded: number, total: number) => void;
    aborted: boolean;
  } | null;
  /** Answers of GET /uploads/:id, in turn (the last repeats); none = 404. */
  uploadPolls: UploadDto[];
  /** The server's upload history, newest first: finished fake uploads are added to it. */
  history: UploadSummaryDto[];
  /** The ids of DELETE /uploads/:id that succeeded, in order. */
  deletedUploads: string[];
  preview: UploadPreviewDto;
  /** The audit log, newest first, and the queries GET /audit was asked. */
  auditLines: AuditEventDto[];
  auditQueries: Partial<AuditQuery>[];
  /** GET /datasets/:id/access: its users, and the dataset ids it was asked for. */
  accessUsers: DatasetAccessUserDto[];
  accessAsked: string[];
};

/** An in-memory API: one dataset, runs that finish on the second poll. */
export function fakeApi(): FakeApi {
  const datasets = [datasetDto('d1', 'Building permits', 0)];
  let polls = 0;
  let keySeq = 0;
  const notFound = (what: string) =>
    new ApiError({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: `${what}.not-found`,
    });
  const api: FakeApi = {
    goals: [],
    goalRequests: [],
    uploads: [],
    updates: [],
    limitUploads: [],
    deleted: [],
    deleteRefusal: null,
    previews: [],
    keys: [],
    holdUploads: false,
    held: null,
    uploadPolls: [],
    history: [],
    deletedUploads: [],
    preview: previewDto(),
    auditLines: [],
    auditQueries: [],
    accessUsers: [],
    accessAsked: [],
    listAudit: (query) => {
      api.auditQueries.push({ ...query });
      const matching = api.auditLines.filter(
        (l) =>
          (!query.action || l.action === query.action) &&
          (!query.username || l.username === query.username) &&
          (!query.datasetId || l.datasetId === query.datasetId) &&
          (!query.before || Number(l.id) < Number(query.before)),
      );
      const limit = query.limit ?? 100;
      const items = matching.slice(0, limit);
      const next = matching.length > limit ? items[items.length - 1].id : null;
      return Promise.resolve({ items, next });
    },
    getDatasetAccess: (datasetId) => {
      api.accessAsked.push(datasetId);
      return Promise.resolve({ datasetId, users: api.accessUsers });
    },
    listDatasets: () => Promise.resolve(datasets.map((d) => ({ ...d }))),
    deleteDataset: (datasetId) => {
      if (api.deleteRefusal) return Promise.reject(api.deleteRefusal);
      const index = datasets.findIndex((d) => d.id === datasetId);
      if (index < 0) return Promise.reject(notFound('dataset'));
      datasets.splice(index, 1);
      api.deleted.push(datasetId);
      return Promise.resolve();
    },
    updateDataset: (datasetId, body) => {
      api.updates.push({ datasetId, body });
      const dataset = datasets.find((d) => d.id === datasetId);
      if (!dataset) return Promise.reject(new Error(`no dataset ${datasetId}`));
      if (body.channelRoles !== undefined) dataset.channelRoles = body.channelRoles;
      if (body.queueActivities !== undefined) dataset.queueActivities = body.queueActivities;
      if (body.timezone !== undefined) dataset.timezone = body.timezone;
      if (body.deadlines !== undefined) dataset.deadlines = body.deadlines;
      return Promise.resolve({ ...dataset });
    },
    uploadLimits: (datasetId, csv) => {
      api.limitUploads.push({ datasetId, csv });
      const dataset = datasets.find((d) => d.id === datasetId);
      if (!dataset) return Promise.reject(new Error(`no dataset ${datasetId}`));
      // The fake reads `service,promised` lines only: the real parser is the api's.
      const limits = csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map(([service, promised]) => ({
          service,
          code: null,
          promised: Number(promised),
          legal: null,
          unit: 'workdays' as const,
        }));
      dataset.deadlines = { ...(dataset.deadlines ?? {}), limits };
      return Promise.resolve({ ...dataset });
    },
    createDataset: (request) => {
      const created = datasetDto(`d${datasets.length + 1}`, request.name, 0);
      datasets.push(created);
      return Promise.resolve(created);
    },
    upload: (datasetId, file, options = {}) => {
      const { onProgress, signal, ...sent } = options;
      api.uploads.push({ datasetId, file: file.name, options: sent });
      const complete = (report: UploadDto): UploadDto => {
        const dataset = datasets.find((d) => d.id === datasetId);
        if (dataset && report.status === 'completed') {
          Object.assign(dataset, { eventCount: 713, version: 1 });
        }
        const { rejected: _rejected, ...summary } = report;
        api.history.unshift(summary);
        return report;
      };
      if (api.holdUploads) {
        return new Promise<UploadDto>((resolve, reject) => {
          const held = {
            resolve: (report: UploadDto) => resolve(complete(report)),
            reject,
            progress: (loaded: number, total: number) => onProgress?.(loaded, total),
            aborted: false,
          };
          api.held = held;
          signal?.addEventListener('abort', () => {
            held.aborted = true;
            reject(new DOMException('Upload aborted', 'AbortError'));
          });
        });
      }
      onProgress?.(5, 10);
      onProgress?.(10, 10);
      return Promise.resolve(complete(uploadReport(datasetId, file.name)));
    },
    previewUpload: (_datasetId, file, options = {}) => {
      api.previews.push({ file: file.name, size: file.size, ...options });
      return Promise.resolve({ ...api.preview, fileName: file.name });
    },
    getUpload: () => {
      const answer = api.uploadPolls.length > 1 ? api.uploadPolls.shift() : api.uploadPolls[0];
      return answer ? Promise.resolve(answer) : Promise.reject(notFound('upload'));
    },
    deleteUpload: (uploadId) => {
      if (api.deleteRefusal) return Promise.reject(api.deleteRefusal);
      const index = api.history.findIndex((u) => u.id === uploadId);
      if (index < 0) return Promise.reject(notFound('upload'));
      const [gone] = api.history.splice(index, 1);
      api.deletedUploads.push(uploadId);
      return Promise.resolve({ eventsRemoved: gone.rowsAccepted, runsRemoved: 0 });
    },
    listUploads: (datasetId, limit = 20) =>
      Promise.resolve(
        api.history
          .filter((u) => u.datasetId === datasetId)
          .slice(0, limit)
          .map((u) => ({ ...u })),
      ),
    rejectedCsvUrl: (uploadId) => `/api/v1/uploads/${uploadId}/rejected.csv`,
    eventsUrl: (datasetId) => `http://onetrip.test/api/v1/datasets/${datasetId}/events`,
    runEventsUrl: (runId) => `http://onetrip.test/api/v1/runs/${runId}/events`,
    listIngestionKeys: () => Promise.resolve(api.keys.map((k) => ({ ...k }))),
    createIngestionKey: (datasetId, name) => {
      keySeq += 1;
      const key = `otk_secret${keySeq}abcdefghijklmnopqrstuvwxyz`;
      const created: CreatedIngestionKeyDto = {
        id: `k${keySeq}`,
        datasetId,
        name: name ?? null,
        prefix: key.slice(0, 12),
        createdAt: NOW,
        lastUsedAt: null,
        revokedAt: null,
        key,
      };
      const { key: _secret, ...stored } = created;
      api.keys.unshift(stored);
      return Promise.resolve(created);
    },
    revokeIngestionKey: (_datasetId, keyId) => {
      const key = api.keys.find((k) => k.id === keyId);
      if (!key) return Promise.reject(notFound('ingestion-key'));
      key.revokedAt = NOW;
      return Promise.resolve();
    },
    startRun: () => {
      polls = 0;
      return Promise.resolve(runDto('queued', 0));
    },
    listRuns: () => Promise.resolve([]),
    getRun: () => {
      polls += 1;
      return Promise.resolve(polls < 2 ? runDto('running', 0.5) : runDto('completed', 1));
    },
    getRunResult: () =>
      Promise.resolve({ runId: 'r1', datasetId: 'd1', datasetVersion: 1, result: buildingPermit }),
    getFacets: (datasetId) =>
      Promise.resolve({
        datasetId,
        datasetVersion: 1,
        events: 713,
        timeSpan: { from: '2025-01-02T00:00:00Z', to: '2025-03-30T00:00:00Z' },
        months: [
          { period: '2025-01', events: 200 },
          { period: '2025-02', events: 250 },
          { period: '2025-03', events: 263 },
        ],
        services: [{ value: 'Building permit', events: 713 }],
        departments: [],
        locations: [],
        channels: [],
      }),
    getTimeline: (datasetId, key) =>
      Promise.resolve({ datasetId, key, service: null, journey: 'case', journeys: [] }),
    listGoals: () => Promise.resolve(api.goals.map((g) => ({ ...g }))),
    createGoal: (datasetId, body) => {
      api.goalRequests.push({ goalId: null, body });
      const goal = goalDto(`g${api.goals.length + 1}`, datasetId, body);
      api.goals.push(goal);
      return Promise.resolve(goal);
    },
    updateGoal: (datasetId, goalId, body) => {
      api.goalRequests.push({ goalId, body: body as CreateGoalRequest });
      const index = api.goals.findIndex((g) => g.id === goalId);
      if (index < 0) return Promise.reject(notFound('goal'));
      api.goals[index] = { ...goalDto(goalId, datasetId, body as CreateGoalRequest) };
      return Promise.resolve(api.goals[index]);
    },
  };
  return api;
}

/** Chooses a file in the picker, as a user does. */
export function chooseFile(root: HTMLElement, file: File): void {
  const input = root.querySelector<HTMLInputElement>('#upload-file');
  if (!input) throw new Error('no file picker');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

/** Picks an option of a select and tells its listeners. */
export function select(root: HTMLElement, selector: string, value: string): void {
  const target = root.querySelector<HTMLSelectElement>(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.value = value;
  target.dispatchEvent(new Event('change'));
}

export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function click(root: HTMLElement, selector: string): void {
  const target = root.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
}

/** Types into a text input (replacing its value) and tells its listeners. */
export function typeInto(root: HTMLElement, selector: string, text: string): void {
  const target = root.querySelector<HTMLInputElement>(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.value = text;
  target.dispatchEvent(new Event('input'));
}
