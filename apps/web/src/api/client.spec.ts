import type { DatasetDto, ProblemDetails } from '@onetrip/contracts';
import { ApiError, PREVIEW_BYTES, createApiClient, toProblem } from './client';
import { randomUuid } from './uuid';

/** jsdom has no fetch Response; the client reads only these members. */
function jsonResponse(status: number, body: unknown): Response {
  const fake: Pick<Response, 'ok' | 'status' | 'statusText' | 'text'> = {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    text: () => Promise.resolve(JSON.stringify(body)),
  };
  return fake as Response;
}

const dataset: DatasetDto = {
  id: 'd1',
  name: '不动产登记',
  description: null,
  timezone: 'Asia/Shanghai',
  department: null,
  version: 1,
  eventCount: 58,
  mapping: null,
  channelRoles: null,
  queueActivities: null,
  deadlines: null,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
};

describe('api client', () => {
  it('sends JSON to /api/v1 and reads JSON back', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const api = createApiClient({
      fetch: (input, init) => {
        calls.push([typeof input === 'string' ? input : 'not a string', init]);
        return Promise.resolve(jsonResponse(201, dataset));
      },
    });
    await expect(api.createDataset({ name: '不动产登记' })).resolves.toEqual(dataset);
    expect(calls[0][0]).toBe('/api/v1/datasets');
    expect(calls[0][1]?.method).toBe('POST');
    expect(calls[0][1]?.body).toBe('{"name":"不动产登记"}');
  });

  it('accepts bare and wrapped lists', async () => {
    const bare = createApiClient({ fetch: () => Promise.resolve(jsonResponse(200, [dataset])) });
    const wrapped = createApiClient({
      fetch: () => Promise.resolve(jsonResponse(200, { items: [dataset] })),
    });
    await expect(bare.listDatasets()).resolves.toEqual([dataset]);
    await expect(wrapped.listDatasets()).resolves.toEqual([dataset]);
  });

  it('turns problem details into an ApiError carrying them', async () => {
    const problem: ProblemDetails = {
      type: 'https://onetrip.dev/problems/dataset.not-found',
      title: 'Not Found',
      status: 404,
      code: 'dataset.not-found',
      detail: 'No dataset with id x.',
    };
    const api = createApiClient({
      fetch: () => Promise.resolve(jsonResponse(404, problem)),
    });
    const error = await api.getRun('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual(problem);
  });

  it('makes up problem details for bodies that are not problem details', () => {
    expect(toProblem(502, 'Bad Gateway', '<html>')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      code: 'http_502',
    });
  });

  it('reports an unreachable server as a network error', async () => {
    const api = createApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = await api.listDatasets().catch((e: unknown) => e);
    expect((error as ApiError).problem).toMatchObject({ code: 'network_error', status: 0 });
  });
});

/** Just enough of XMLHttpRequest to drive the upload: records what is sent, replays events. */
class FakeXhr {
  method = '';
  url = '';
  sent: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  private listeners = new Map<string, (() => void)[]>();
  private uploadListeners = new Map<string, ((event: ProgressEvent) => void)[]>();
  readonly upload = {
    addEventListener: (type: string, listener: (event: ProgressEvent) => void) => {
      this.uploadListeners.set(type, [...(this.uploadListeners.get(type) ?? []), listener]);
    },
  };
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(): void {}
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(body: FormData): void {
    this.sent = body;
  }
  abort(): void {
    for (const l of this.listeners.get('abort') ?? []) l();
  }
  progress(loaded: number, total: number): void {
    const event = { lengthComputable: true, loaded, total } as ProgressEvent;
    for (const l of this.uploadListeners.get('progress') ?? []) l(event);
  }
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    for (const l of this.listeners.get('load') ?? []) l();
  }
}

describe('api client upload', () => {
  it('posts multipart with the mapping before the file, and reports progress', async () => {
    const xhr = new FakeXhr();
    const api = createApiClient({ createXhr: () => xhr as unknown as XMLHttpRequest });
    const progress: [number, number][] = [];
    const file = new File(['case_id,activity,timestamp\n'], 'log.csv', { type: 'text/csv' });
    const mapping = { caseId: 'application_no', activity: 'activity', timestamp: 'step_time' };
    const done = api.upload('d1', file, {
      mapping,
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    xhr.progress(10, 27);
    xhr.progress(27, 27);
    xhr.respond(201, { id: 'u1', rowsAccepted: 0 });
    await expect(done).resolves.toEqual({ id: 'u1', rowsAccepted: 0 });
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/v1/datasets/d1/uploads']);
    expect([...(xhr.sent?.keys() ?? [])]).toEqual(['mapping', 'file']);
    expect(xhr.sent?.get('mapping')).toBe(JSON.stringify(mapping));
    expect(progress).toEqual([
      [10, 27],
      [27, 27],
    ]);
  });

  it('rejects with the problem details of a refused file', async () => {
    const xhr = new FakeXhr();
    const api = createApiClient({ createXhr: () => xhr as unknown as XMLHttpRequest });
    const done = api.upload('d1', new File(['x'], 'bad.csv')).catch((e: unknown) => e);
    xhr.respond(422, {
      title: 'Unprocessable Content',
      status: 422,
      code: 'ingest.missing-column',
      detail: 'no column case_id',
      line: 1,
      column: 'case_id',
    });
    const error = (await done) as ApiError;
    expect(error.problem).toMatchObject({
      code: 'ingest.missing-column',
      line: 1,
      column: 'case_id',
    });
  });
});

describe('api client: preview, upload options, keys', () => {
  it('previews only the first 64 KiB, the encoding before the file', async () => {
    const calls: RequestInit[] = [];
    const api = createApiClient({
      fetch: (_input, init) => {
        calls.push(init ?? {});
        return Promise.resolve(jsonResponse(200, { format: 'csv' }));
      },
    });
    const file = new File(['x'.repeat(PREVIEW_BYTES + 5000)], '办件导出.csv');
    await api.previewUpload('d1', file, { encoding: 'gb18030' });
    const form = calls[0].body as FormData;
    expect([...form.keys()]).toEqual(['encoding', 'file']);
    const sent = form.get('file') as File;
    expect([sent.name, sent.size]).toEqual(['办件导出.csv', PREVIEW_BYTES]);
    // The browser sets the multipart content type (with its boundary) itself.
    expect(calls[0].headers).not.toHaveProperty('content-type');
  });

  it('sends every upload option before the file', async () => {
    const xhr = new FakeXhr();
    const api = createApiClient({ createXhr: () => xhr as unknown as XMLHttpRequest });
    const done = api.upload('d1', new File(['x'], 'log.csv'), {
      mapping: { caseId: 'a', activity: 'b', timestamp: 'c' },
      onError: 'skip',
      maxRejectedRatio: 0.015,
      encoding: 'gbk',
      uploadId: '0b7e6f0c-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
    });
    xhr.respond(201, { id: 'u1' });
    await done;
    expect(
      [...(xhr.sent?.entries() ?? [])].map(([k, v]) => [k, typeof v === 'string' ? v : 'file']),
    ).toEqual([
      ['mapping', '{"caseId":"a","activity":"b","timestamp":"c"}'],
      ['onError', 'skip'],
      ['maxRejectedRatio', '0.015'],
      ['encoding', 'gbk'],
      ['uploadId', '0b7e6f0c-1d2e-4f3a-8b9c-0d1e2f3a4b5c'],
      ['file', 'file'],
    ]);
  });

  it('aborts the request when the signal fires', async () => {
    const xhr = new FakeXhr();
    const api = createApiClient({ createXhr: () => xhr as unknown as XMLHttpRequest });
    const abort = new AbortController();
    const done = api.upload('d1', new File(['x'], 'log.csv'), { signal: abort.signal });
    abort.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names the rejected rows download and the push endpoint', () => {
    const api = createApiClient({ baseUrl: 'https://onetrip.example' });
    expect(api.rejectedCsvUrl('u 1')).toBe(
      'https://onetrip.example/api/v1/uploads/u%201/rejected.csv',
    );
    expect(api.eventsUrl('d1')).toBe('https://onetrip.example/api/v1/datasets/d1/events');
  });

  it("lists a dataset's uploads, with or without a limit", async () => {
    const urls: string[] = [];
    const api = createApiClient({
      fetch: (input) => {
        urls.push(typeof input === 'string' ? input : 'not a string');
        return Promise.resolve(jsonResponse(200, [{ id: 'u1', fileName: 'a.csv' }]));
      },
    });
    await expect(api.listUploads('d 1', 10)).resolves.toEqual([{ id: 'u1', fileName: 'a.csv' }]);
    await api.listUploads('d1');
    expect(urls).toEqual([
      '/api/v1/datasets/d%201/uploads?limit=10',
      '/api/v1/datasets/d1/uploads',
    ]);
  });

  it('creates, lists and revokes ingestion keys', async () => {
    const calls: [string, string | undefined, unknown][] = [];
    const api = createApiClient({
      fetch: (input, init) => {
        calls.push([typeof input === 'string' ? input : 'not a string', init?.method, init?.body]);
        return Promise.resolve(
          init?.method === 'DELETE'
            ? ({
                ok: true,
                status: 204,
                statusText: '',
                text: () => Promise.resolve(''),
              } as Response)
            : jsonResponse(200, init?.method === 'GET' ? [] : { key: 'otk_x' }),
        );
      },
    });
    await api.createIngestionKey('d1', 'queue');
    await api.listIngestionKeys('d1');
    await expect(api.revokeIngestionKey('d1', 'k1')).resolves.toBeUndefined();
    expect(calls).toEqual([
      ['/api/v1/datasets/d1/ingestion-keys', 'POST', '{"name":"queue"}'],
      ['/api/v1/datasets/d1/ingestion-keys', 'GET', undefined],
      ['/api/v1/datasets/d1/ingestion-keys/k1', 'DELETE', undefined],
    ]);
  });
});

describe('randomUuid', () => {
  it('makes a version 4 UUID without randomUUID (plain HTTP is not a secure context)', () => {
    const id = randomUuid({
      getRandomValues: <T extends ArrayBufferView | null>(array: T): T => {
        if (array instanceof Uint8Array) array.fill(0xff);
        return array;
      },
    });
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
