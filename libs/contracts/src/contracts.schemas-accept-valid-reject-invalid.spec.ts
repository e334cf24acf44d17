import {
  AUDIT_ACTIONS,
  AuditPageDtoSchema,
  AuditQuerySchema,
  DatasetAccessDtoSchema,
  ColumnMappingSchema,
  CreateDatasetRequestSchema,
  CreateGoalRequestSchema,
  UpdateGoalRequestSchema,
  CreateIngestionKeyRequestSchema,
  CreateRunRequestSchema,
  CreatedIngestionKeyDtoSchema,
  DatasetDtoSchema,
  UpdateDatasetRequestSchema,
  EventLogFormatSchema,
  FacetsDtoSchema,
  HealthDtoSchema,
  JourneyTimelineDtoSchema,
  PartialColumnMappingSchema,
  ProblemDetailsSchema,
  RunDtoSchema,
  RunFilterSchema,
  RunParamsSchema,
  RunResultDtoSchema,
  TimelineQuerySchema,
  UploadDtoSchema,
  UploadListQuerySchema,
  UploadOptionsSchema,
  isTablePreset,
  UploadPreviewDtoSchema,
  UploadSummaryDtoSchema,
} from './index';

const ID = '6f0c5a3e-8a52-4f0b-9d0e-2b7c1d3e4f50';
const AT = '2026-03-01T08:00:00.000Z';
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
  expect(schema.safeParse(v).success).toBe(true);
const bad = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
  expect(schema.safeParse(v).success).toBe(false);

describe('event log formats and mappings', () => {
  it('know csv, ndjson, xes and xlsx, nothing else', () => {
    expect(EventLogFormatSchema.options).toEqual(['csv', 'ndjson', 'xes', 'xlsx']);
    bad(EventLogFormatSchema, 'json');
  });

  it('need caseId, activity and timestamp in a full mapping, any fields in a partial one', () => {
    ok(ColumnMappingSchema, { caseId: '办件编号', activity: '环节', timestamp: '时间' });
    bad(ColumnMappingSchema, { caseId: 'case_id' });
    ok(PartialColumnMappingSchema, { citizen: 'id_card' });
    bad(PartialColumnMappingSchema, { hall: 'H1' });
    bad(PartialColumnMappingSchema, { caseId: '' });
  });
});

describe('dataset shapes', () => {
  it('create with a name and an IANA zone; trim the name', () => {
    expect(CreateDatasetRequestSchema.parse({ name: ' 不动产登记 ' })).toEqual({
      name: '不动产登记',
    });
    ok(CreateDatasetRequestSchema, { name: 'x', timezone: 'Asia/Shanghai' });
    bad(CreateDatasetRequestSchema, { name: '  ' });
    bad(CreateDatasetRequestSchema, { name: 'x', timezone: 'Mars/Olympus' });
    bad(CreateDatasetRequestSchema, { name: 'x', owner: 'me' });
  });

  it('change only their channel roles later, each value to a known role', () => {
    ok(UpdateDatasetRequestSchema, { channelRoles: { 大厅: 'in-person', 后台: 'back-office' } });
    ok(UpdateDatasetRequestSchema, { channelRoles: null });
    bad(UpdateDatasetRequestSchema, { channelRoles: { 大厅: 'hall' } });
    bad(UpdateDatasetRequestSchema, { channelRoles: { '': 'online' } });
    bad(UpdateDatasetRequestSchema, { name: 'renamed' });
  });

  it('change their queue activities later: tickets and calls named, abandonment may be none', () => {
    const queue = { ticket: ['取号'], call: ['叫号'], abandon: [] };
    ok(UpdateDatasetRequestSchema, { queueActivities: queue });
    ok(UpdateDatasetRequestSchema, { queueActivities: { ...queue, ticketNumber: '票号' } });
    ok(UpdateDatasetRequestSchema, { queueActivities: null });
    bad(UpdateDatasetRequestSchema, { queueActivities: { ...queue, ticket: [] } });
    bad(UpdateDatasetRequestSchema, { queueActivities: { ticket: ['取号'], abandon: [] } });
    bad(UpdateDatasetRequestSchema, { queueActivities: { ...queue, call: [''] } });
    bad(UpdateDatasetRequestSchema, { queueActivities: { ...queue, ticketNumber: '' } });
    bad(UpdateDatasetRequestSchema, { queueActivities: { ...queue, window: ['W1'] } });
  });

  it('change their time limits later: units named, amounts not negative, rules optional', () => {
    const limit = { service: '不动产登记', promised: 5, legal: null, unit: 'workdays' };
    ok(UpdateDatasetRequestSchema, { deadlines: { limits: [limit] } });
    ok(UpdateDatasetRequestSchema, { deadlines: { limits: [{ ...limit, code: 'BDC001' }] } });
    ok(UpdateDatasetRequestSchema, {
      deadlines: {
        limits: [],
        acceptActivities: ['受理'],
        suspensions: [{ kind: 'correction', start: ['告知补正'], end: ['补正提交'] }],
      },
    });
    ok(UpdateDatasetRequestSchema, { deadlines: null });
    bad(UpdateDatasetRequestSchema, { deadlines: { limits: [{ ...limit, unit: 'weeks' }] } });
    bad(UpdateDatasetRequestSchema, { deadlines: { limits: [{ ...limit, promised: -1 }] } });
    bad(UpdateDatasetRequestSchema, { deadlines: { limits: [{ ...limit, service: ' ' }] } });
    bad(UpdateDatasetRequestSchema, {
      deadlines: { limits: [], suspensions: [{ kind: 'pause', start: ['a'], end: ['b'] }] },
    });
    bad(UpdateDatasetRequestSchema, { deadlines: {} });
  });

  it('answer with ids, counts and ISO instants', () => {
    const dataset = {
      id: ID,
      name: 'x',
      description: null,
      timezone: 'Asia/Shanghai',
      department: '市场监管局',
      version: 2,
      eventCount: 10,
      mapping: { caseId: '办件编号' },
      channelRoles: { 大厅: 'in-person', 网上: 'online' },
      queueActivities: { ticket: ['取号'], call: ['叫号'], abandon: ['过号'] },
      deadlines: {
        limits: [
          { service: '不动产登记', code: 'BDC001', promised: 5, legal: 30, unit: 'workdays' },
        ],
      },
      createdAt: AT,
      updatedAt: AT,
    };
    ok(DatasetDtoSchema, dataset);
    ok(DatasetDtoSchema, { ...dataset, channelRoles: null, queueActivities: null });
    ok(DatasetDtoSchema, { ...dataset, department: null });
    bad(DatasetDtoSchema, { ...dataset, department: undefined });
    bad(DatasetDtoSchema, { ...dataset, queueActivities: undefined });
    ok(DatasetDtoSchema, { ...dataset, deadlines: null });
    bad(DatasetDtoSchema, { ...dataset, deadlines: undefined });
    bad(DatasetDtoSchema, { ...dataset, channelRoles: { 大厅: 'walk-in' } });
    bad(DatasetDtoSchema, { ...dataset, id: 'd1' });
    bad(DatasetDtoSchema, { ...dataset, createdAt: 'yesterday' });
    bad(DatasetDtoSchema, { ...dataset, description: undefined });
  });
});

describe('upload shapes', () => {
  const upload = {
    id: ID,
    datasetId: ID,
    fileName: 'log.csv',
    status: 'completed',
    bytes: 100,
    rowsRead: 3,
    rowsAccepted: 2,
    rowsRejected: 1,
    rowsDuplicate: 0,
    onError: 'skip',
    maxRejectedRatio: 0.05,
    errorCode: null,
    error: null,
    rejected: [{ line: 3, column: 'timestamp', reason: 'not a timestamp' }],
    createdAt: AT,
    finishedAt: AT,
  };

  it('read options as text (form fields, query parameters)', () => {
    expect(UploadOptionsSchema.parse({ maxRejectedRatio: '0.1', onError: 'fail' })).toEqual({
      maxRejectedRatio: 0.1,
      onError: 'fail',
    });
    bad(UploadOptionsSchema, { maxRejectedRatio: '2' });
    bad(UploadOptionsSchema, { uploadId: 'mine' });
    bad(UploadOptionsSchema, { encoding: 'utf 8; drop' });
    // The layouts: an event log, the queue export and the government table presets.
    for (const layout of [
      'events',
      'ticket-rows',
      'gbt-case',
      'gbt-process',
      'gbt-special-procedure',
      'work-order-12345',
    ]) {
      expect(UploadOptionsSchema.parse({ layout })).toEqual({ layout });
    }
    bad(UploadOptionsSchema, { layout: 'gbt' });
    expect(isTablePreset('gbt-case')).toBe(true);
    expect(isTablePreset('ticket-rows')).toBe(false);
    expect(UploadListQuerySchema.parse({})).toEqual({ limit: 20 });
    bad(UploadListQuerySchema, { limit: '101' });
  });

  it('report an upload, with and without its rejected rows', () => {
    ok(UploadDtoSchema, upload);
    bad(UploadDtoSchema, { ...upload, status: 'done' });
    const { rejected: _rejected, ...summary } = upload;
    ok(UploadSummaryDtoSchema, summary);
    bad(UploadDtoSchema, summary);
  });

  it('preview a file', () => {
    const preview = {
      fileName: 'log.csv',
      format: 'csv',
      gzip: false,
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['case_id'],
      rows: [['c1']],
      suggestedMapping: { caseId: 'case_id' },
      identifierColumns: [],
      savedMapping: null,
      suggestedChannelRoles: { channel: { 大厅: 'in-person' } },
      savedChannelRoles: null,
      suggestedQueueActivities: { '': { ticket: ['取号'], call: ['叫号'], abandon: [] } },
      savedQueueActivities: null,
      suggestedLayout: 'ticket-rows',
      bytesRead: 10,
    };
    ok(UploadPreviewDtoSchema, preview);
    bad(UploadPreviewDtoSchema, { ...preview, suggestedLayout: 'tickets' });
    bad(UploadPreviewDtoSchema, { ...preview, format: 'xls' });
    ok(UploadPreviewDtoSchema, { ...preview, format: 'xlsx', sheets: ['A', 'B'], sheet: 'B' });
    bad(UploadPreviewDtoSchema, { ...preview, sheets: 'A' });
  });

  it('create ingestion keys with an optional name; show the secret once', () => {
    ok(CreateIngestionKeyRequestSchema, {});
    bad(CreateIngestionKeyRequestSchema, { name: '' });
    const key = {
      id: ID,
      datasetId: ID,
      name: null,
      prefix: 'otk_12345678',
      createdAt: AT,
      lastUsedAt: null,
      revokedAt: null,
    };
    ok(CreatedIngestionKeyDtoSchema, { ...key, key: 'otk_secret' });
    bad(CreatedIngestionKeyDtoSchema, key);
  });
});

describe('run shapes', () => {
  it('reject unknown params and nonsense values', () => {
    ok(RunParamsSchema, { journey: 'citizen+service', inPerson: ['hall'] });
    bad(RunParamsSchema, { journey: 'household' });
    bad(RunParamsSchema, { tripGapSeconds: -1 });
    bad(RunParamsSchema, { colour: 'red' });
  });

  it('reject unknown filter fields, bad instants and empty ranges', () => {
    ok(RunFilterSchema, { service: ['Business licence'], from: '2026-01-01T00:00:00+08:00' });
    bad(RunFilterSchema, { hall: ['H1'] });
    bad(RunFilterSchema, { from: 'yesterday' });
    bad(RunFilterSchema, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    bad(RunFilterSchema, { service: [] });
  });

  it('create a run from params and a filter, nothing else', () => {
    ok(CreateRunRequestSchema, {});
    ok(CreateRunRequestSchema, { params: { journey: 'case' }, filter: { channel: ['hall'] } });
    bad(CreateRunRequestSchema, { params: { journey: 'case' }, priority: 1 });
    bad(CreateRunRequestSchema, { filter: { hall: ['H1'] } });
  });

  it('answer with the run and its result', () => {
    const run = {
      id: ID,
      datasetId: ID,
      datasetVersion: 1,
      status: 'queued',
      progress: 0,
      params: {},
      filter: {},
      error: null,
      cached: false,
      createdAt: AT,
      startedAt: null,
      finishedAt: null,
    };
    ok(RunDtoSchema, run);
    bad(RunDtoSchema, { ...run, progress: 1.5 });
    ok(RunResultDtoSchema, { runId: ID, datasetId: ID, datasetVersion: 1, result: {} });
    bad(RunResultDtoSchema, { runId: ID, datasetId: ID, datasetVersion: 1, result: [] });
  });
});

describe('explore shapes', () => {
  it('read a timeline query as text', () => {
    expect(TimelineQuerySchema.parse({ journeyGapSeconds: '86400', journey: 'citizen' })).toEqual({
      journeyGapSeconds: 86400,
      journey: 'citizen',
    });
    bad(TimelineQuerySchema, { journeyGapSeconds: 'a day' });
    bad(TimelineQuerySchema, { gap: '1' });
  });

  it('answer with facets and timelines', () => {
    const facets = {
      datasetId: ID,
      datasetVersion: 1,
      events: 2,
      timeSpan: { from: AT, to: AT },
      months: [{ period: '2026-03', events: 2 }],
      services: [{ value: 'S', events: 2 }],
      departments: [],
      locations: [],
      channels: [],
    };
    ok(FacetsDtoSchema, facets);
    bad(FacetsDtoSchema, { ...facets, services: [{ value: 'S' }] });
    const event = {
      caseId: 'c1',
      activity: 'apply',
      start: null,
      complete: AT,
      channel: 'hall',
      location: 'H1',
      service: null,
      department: null,
      resource: null,
      sourceSystem: null,
      trip: 1,
    };
    const timeline = {
      datasetId: ID,
      key: 'c1',
      service: null,
      journey: 'case',
      journeys: [
        {
          start: AT,
          end: AT,
          leadTimeSeconds: 0,
          events: [event],
          trips: [{ trip: 1, location: 'H1', start: AT, end: AT }],
        },
      ],
    };
    ok(JourneyTimelineDtoSchema, timeline);
    bad(JourneyTimelineDtoSchema, {
      ...timeline,
      journeys: [{ ...timeline.journeys[0], events: [{ ...event, trip: 0 }] }],
    });
  });
});

describe('health and problem shapes', () => {
  it('answer with checks and problem details', () => {
    ok(HealthDtoSchema, { status: 'ok', checks: { postgres: 'up', redis: 'up' } });
    bad(HealthDtoSchema, { status: 'ok', checks: { postgres: 'up' } });
    ok(ProblemDetailsSchema, {
      type: 'https://onetrip.dev/problems/request.invalid',
      title: 'Bad Request',
      status: 400,
      code: 'request.invalid',
      errors: [{ field: 'name', message: 'Required' }],
    });
    bad(ProblemDetailsSchema, { type: 'x', title: 'x', status: 400 });
  });
});

describe('audit shapes', () => {
  it('read an audit query as text: a known action, uuids, instants, a digit cursor', () => {
    expect(AuditQuerySchema.parse({ limit: '20', before: '41' })).toEqual({
      limit: 20,
      before: '41',
    });
    expect(AuditQuerySchema.parse({})).toEqual({ limit: 100 });
    ok(AuditQuerySchema, { action: 'exported', datasetId: ID, userId: ID, from: AT, to: AT });
    bad(AuditQuerySchema, { action: 'peeked' });
    bad(AuditQuerySchema, { before: '41; DROP TABLE audit_event' });
    bad(AuditQuerySchema, { datasetId: 'd1' });
    bad(AuditQuerySchema, { from: 'yesterday' });
    bad(AuditQuerySchema, { limit: '501' });
    bad(AuditQuerySchema, { username: 'ann', extra: '1' });
  });

  it('know a closed list of actions', () => {
    expect(AUDIT_ACTIONS).toEqual([
      'viewed',
      'exported',
      'uploaded',
      'mined',
      'created',
      'changed',
      'deleted',
      'login',
      'logout',
      'login-failed',
      'password-changed',
      'user-management',
    ]);
  });

  it('answer with lines and a cursor, and with who accessed a dataset', () => {
    const line = {
      id: '42',
      at: AT,
      action: 'viewed',
      userId: ID,
      username: 'ann',
      role: 'analyst',
      datasetId: ID,
      targetKind: 'journey',
      targetId: 'A1',
      ip: '127.0.0.1',
      userAgent: 'Firefox',
      details: { route: 'GET /api/v1/datasets/:id/journeys/:key/timeline' },
    };
    ok(AuditPageDtoSchema, { items: [line], next: '42' });
    ok(AuditPageDtoSchema, { items: [], next: null });
    bad(AuditPageDtoSchema, { items: [{ ...line, action: 'peeked' }], next: null });
    bad(AuditPageDtoSchema, { items: [{ ...line, id: 42 }], next: null });
    ok(DatasetAccessDtoSchema, {
      datasetId: ID,
      users: [
        {
          userId: null,
          username: null,
          role: null,
          count: 2,
          last: AT,
          actions: [{ action: 'uploaded', count: 2, last: AT }],
        },
      ],
    });
    bad(DatasetAccessDtoSchema, { datasetId: ID, users: [{ userId: ID, count: -1 }] });
  });
});

describe('goal requests', () => {
  const goal = {
    kpi: 'tripsPerJourney',
    scope: { kind: 'hall', value: '市民中心' },
    baseline: { kind: 'period', period: '2025-12' },
    target: { kind: 'relative', percent: -60 },
    deadline: '2026-12-31',
    owner: '市政务服务办',
  };
  it('take a KPI, a scope, a baseline month or value, a target, a deadline and an owner', () => {
    ok(CreateGoalRequestSchema, goal);
    ok(CreateGoalRequestSchema, {
      ...goal,
      scope: { kind: 'all' },
      baseline: { kind: 'value', value: 68.3, since: '2025-12' },
      target: { kind: 'absolute', value: 85 },
      kpi: 'satisfaction',
    });
  });
  it('refuse what cannot be a goal', () => {
    bad(CreateGoalRequestSchema, { ...goal, kpi: 'happiness' });
    bad(CreateGoalRequestSchema, { ...goal, scope: { kind: 'all', value: 'x' } });
    bad(CreateGoalRequestSchema, { ...goal, scope: { kind: 'hall' } });
    bad(CreateGoalRequestSchema, { ...goal, baseline: { kind: 'period', period: '2025-13' } });
    bad(CreateGoalRequestSchema, { ...goal, baseline: { kind: 'value', value: 2 } });
    bad(CreateGoalRequestSchema, { ...goal, target: { kind: 'relative', percent: 0 } });
    bad(CreateGoalRequestSchema, { ...goal, target: { kind: 'relative', percent: -120 } });
    bad(CreateGoalRequestSchema, { ...goal, deadline: '2026-02-31x' });
    bad(CreateGoalRequestSchema, { ...goal, owner: '  ' });
    bad(UpdateGoalRequestSchema, {});
    ok(UpdateGoalRequestSchema, { title: null });
  });
});
