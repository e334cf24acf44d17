/**
 * Issue 16, part 1: a GBK export whose channel column says 大厅 / 网上 / 后台. Before anyone says
 * which values are in person, only `hall` is, and every figure about trips reads zero. With the
 * roles the preview suggests, confirmed at upload, the trips are the hand-counted ones; changing
 * the roles later (PATCH) leads to a new run, never to the cached old result.
 *
 * Hand count (Asia/Shanghai, one location 市民中心):
 *   BJ1  大厅 Mon 09:00, 后台 10:00, 网上 11:00, 大厅 Tue 09:00  → 2 trips (the gap is > 4 h)
 *   BJ2  网上 09:00, 后台 10:00                                  → 0 trips
 *   BJ3  大厅 09:00, 大厅 09:30                                  → 1 trip
 * 3 trips in 3 journeys: 1 per journey, 2 of 3 with at most one trip.
 */
import type {
  DatasetDto,
  JourneyTimelineDto,
  UploadDto,
  UploadPreviewDto,
} from '@onetrip/contracts';
import iconv from 'iconv-lite';
import { getJson, postJson } from '../support/http';
import { apiWorkerSuite, mineDataset } from '../support/services';

const LOG = [
  '办件编号,环节名称,办理时间,渠道,办理地点',
  'BJ1,受理,2024-03-04 09:00:00,大厅,市民中心',
  'BJ1,审核,2024-03-04 10:00:00,后台,市民中心',
  'BJ1,补正材料,2024-03-04 11:00:00,网上,市民中心',
  'BJ1,领证,2024-03-05 09:00:00,大厅,市民中心',
  'BJ2,申请,2024-03-04 09:00:00,网上,市民中心',
  'BJ2,审核,2024-03-04 10:00:00,后台,市民中心',
  'BJ3,受理,2024-03-06 09:00:00,大厅,市民中心',
  'BJ3,办结,2024-03-06 09:30:00,大厅,市民中心',
  '',
].join('\r\n');
const FILE = iconv.encode(LOG, 'gbk');
const MAPPING = {
  caseId: '办件编号',
  activity: '环节名称',
  timestamp: '办理时间',
  channel: '渠道',
  location: '办理地点',
};

describe('Chinese channel values in a GBK file', () => {
  const suite = apiWorkerSuite('channel_roles');

  function form(fields: Record<string, string>): FormData {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(FILE)]), '办件导出.csv');
    return body;
  }

  const mine = (datasetId: string) => mineDataset(suite.api.url, datasetId);

  async function patchRoles(datasetId: string, channelRoles: unknown): Promise<Response> {
    return fetch(`${suite.api.url}/api/v1/datasets/${datasetId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelRoles }),
    });
  }

  it('gives the hand-counted trips once the suggested roles are confirmed, and zero before', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: '渠道',
        timezone: 'Asia/Shanghai',
      })
    ).body;

    const previewed = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form({}),
    });
    const preview = (await previewed.json()) as UploadPreviewDto;
    expect(previewed.status).toBe(200);
    expect(preview.encoding).toBe('gb18030');
    expect(preview.savedChannelRoles).toBeNull();
    const suggested = preview.suggestedChannelRoles['渠道'];
    expect(suggested).toEqual({ 大厅: 'in-person', 后台: 'back-office', 网上: 'online' });

    const uploaded = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form({ mapping: JSON.stringify(MAPPING), channelRoles: JSON.stringify(suggested) }),
    });
    expect(uploaded.status).toBe(201);
    expect(((await uploaded.json()) as UploadDto).rowsAccepted).toBe(8);
    const saved = (await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${ds.id}`)).body;
    expect(saved.channelRoles).toEqual(suggested);

    const confirmed = await mine(ds.id);
    expect(confirmed.run.params).toMatchObject({ inPerson: ['大厅'] });
    expect(confirmed.result.trips).toEqual({
      total: 3,
      perJourneyMean: 1,
      distribution: { '0': 1, '1': 1, '2': 1 },
      atMostOneRate: 2 / 3,
    });

    // The journey timeline counts the same in-person values.
    const timeline = await getJson<JourneyTimelineDto>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/journeys/BJ1/timeline`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.journeys.map((j) => j.trips.length)).toEqual([2]);

    // Before confirming (no roles: only `hall` is in person) the same file has no trip at all.
    expect((await patchRoles(ds.id, null)).status).toBe(200);
    const unconfirmed = await mine(ds.id);
    expect(unconfirmed.run.id).not.toBe(confirmed.run.id);
    expect(unconfirmed.run.cached).toBe(false);
    expect(unconfirmed.result.trips).toMatchObject({ total: 0, perJourneyMean: 0 });
    const before = await getJson<JourneyTimelineDto>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/journeys/BJ1/timeline`,
    );
    expect(before.body.journeys.map((j) => j.trips.length)).toEqual([0]);

    // Changing the roles back answers from the first run.
    expect((await patchRoles(ds.id, suggested)).status).toBe(200);
    const again = await mine(ds.id);
    expect(again.run).toMatchObject({ id: confirmed.run.id, cached: true });

    // 窗口 added as in person: a new run (its params differ), same trips on this file.
    const more = await patchRoles(ds.id, { ...suggested, 窗口: 'in-person' });
    expect(((await more.json()) as DatasetDto).channelRoles).toMatchObject({ 窗口: 'in-person' });
    const widened = await mine(ds.id);
    expect(widened.run.id).not.toBe(confirmed.run.id);
    expect(widened.run.params).toMatchObject({ inPerson: ['大厅', '窗口'] });
  }, 60_000);

  it('refuses roles that are not a role, at upload and later', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'bad roles' })
    ).body;
    const uploaded = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form({ mapping: JSON.stringify(MAPPING), channelRoles: '{"大厅":"walk"}' }),
    });
    expect(uploaded.status).toBe(400);
    expect(((await uploaded.json()) as { code: string }).code).toBe('upload.channel-roles-invalid');
    const patched = await patchRoles(ds.id, { 大厅: 'walk' });
    expect(patched.status).toBe(400);
    expect(
      (await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${ds.id}`)).body,
    ).toMatchObject({
      channelRoles: null,
      eventCount: 0,
    });
  });
});
