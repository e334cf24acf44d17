/**
 * Loads the demo dataset through the public HTTP API, exactly as a user would: generate the
 * simulated log (once, cached under the data dir), create the dataset, upload the file with its
 * column mapping, and start the first mining run. Does nothing when the dataset already exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  CreateGoalRequest,
  DatasetDto,
  RunDto,
  RunParams,
  UploadDto,
} from '@onetrip/contracts';
import { SIMULATOR_MAPPING, SIMULATOR_MINING_OPTIONS } from '@onetrip/simulator';
import { writeDemoLog } from './demo-log';

export interface DemoOptions {
  lang: 'zh-CN' | 'en';
  /** Journeys to simulate (default: the simulator's demo size, about 20,000). */
  journeys?: number;
  dataDir: string;
  log: (line: string) => void;
  /** A session token of an analyst or admin (the api refuses anonymous requests). */
  token: string;
}

/** Mine the demo the way its ground truth is defined (journeys per citizen and service). */
export const DEMO_RUN_PARAMS: RunParams = {
  journey: SIMULATOR_MINING_OPTIONS.journey,
  inPerson: [...SIMULATOR_MINING_OPTIONS.inPerson],
};

/**
 * The demo's reform goals (issue 13, the targets the issue names), as a reform office would set them on the simulated year
 * (reform on 1 January 2026): baseline December 2025, due at the end of 2026. Set through the api
 * after the upload; they are measured when the run finishes and change no demo figure. The
 * satisfaction goal says it cannot be computed yet: the demo has no ratings.
 */
export const DEMO_GOALS: CreateGoalRequest[] = [
  { kpi: 'tripsPerJourney', target: { kind: 'relative', percent: -60 } },
  { kpi: 'atMostOneTripRate', target: { kind: 'absolute', value: 0.8 } },
  { kpi: 'leadTimeMedianSeconds', target: { kind: 'relative', percent: -40 } },
  { kpi: 'satisfaction', target: { kind: 'absolute', value: 85 } },
].map(({ kpi, target }) => ({
  kpi: kpi as CreateGoalRequest['kpi'],
  scope: { kind: 'all' as const },
  baseline:
    kpi === 'satisfaction'
      ? { kind: 'value' as const, value: 68.3, since: '2025-12' }
      : { kind: 'period' as const, period: '2025-12' },
  target: target as CreateGoalRequest['target'],
  deadline: '2026-12-31',
  owner: 'reform office',
}));

const DEMO_NAMES = {
  'zh-CN': '演示：政务服务（模拟）',
  en: 'Demo: government services (simulated)',
};

async function api<T>(
  baseUrl: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function loadDemo(baseUrl: string, options: DemoOptions): Promise<void> {
  const name = DEMO_NAMES[options.lang];
  const datasets = await api<DatasetDto[]>(baseUrl, options.token, 'GET', '/api/v1/datasets');
  if (datasets.some((d) => d.name === name)) {
    options.log(`demo dataset “${name}” is already loaded`);
    return;
  }
  const size = options.journeys ?? 'default';
  const file = path.join(options.dataDir, 'demo', `demo-${options.lang}-${size}.csv`);
  if (!fs.existsSync(file)) {
    options.log(
      `generating the demo log (${options.journeys ?? 'about 20,000'} simulated journeys)…`,
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    await writeDemoLog(partial, options.lang, options.journeys);
    fs.renameSync(partial, file);
  }
  const dataset = await api<DatasetDto>(baseUrl, options.token, 'POST', '/api/v1/datasets', {
    name,
    description:
      'Simulated journeys across the portal, three service halls, back offices and the hotline.',
    timezone: 'Asia/Shanghai',
  });
  options.log(`uploading ${path.basename(file)} into “${name}”…`);
  const form = new FormData();
  form.append('mapping', JSON.stringify(SIMULATOR_MAPPING));
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const response = await fetch(`${baseUrl}/api/v1/datasets/${dataset.id}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}` },
    body: form,
  });
  if (!response.ok)
    throw new Error(`demo upload failed: ${response.status} ${await response.text()}`);
  const upload = (await response.json()) as UploadDto;
  options.log(`demo loaded: ${upload.rowsAccepted} events (${upload.rowsRejected} rejected)`);
  const run = await api<RunDto>(
    baseUrl,
    options.token,
    'POST',
    `/api/v1/datasets/${dataset.id}/runs`,
    {
      params: DEMO_RUN_PARAMS,
    },
  );
  options.log(`mining run ${run.id} queued`);
  for (const goal of DEMO_GOALS) {
    await api(baseUrl, options.token, 'POST', `/api/v1/datasets/${dataset.id}/goals`, goal);
  }
  options.log(`${DEMO_GOALS.length} reform goals set`);
}
