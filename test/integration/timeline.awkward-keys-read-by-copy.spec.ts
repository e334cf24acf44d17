/**
 * Journey timelines read their events with the same COPY … TO STDOUT as mining runs, values
 * inlined as escaped literals: keys and services with quotes, backslashes, tabs and Chinese text
 * find exactly their own events. The answers match the contract's schema.
 */
import {
  JourneyTimelineDtoSchema,
  type DatasetDto,
  type JourneyTimelineDto,
  type UploadDto,
} from '@onetrip/contracts';
import { pseudonymize } from '@onetrip/ingest';
import { getJson, postJson, uploadCsv } from '../support/http';
import { TEST_PSEUDONYM_KEY, apiSuite } from '../support/services';

const KEYS = ["O'Brien", 'C:\\case\\7', 'tab\there', '办件 001', "'; DROP TABLE event; --"];
const csvField = (v: string): string => `"${v.replace(/"/g, '""')}"`;

describe('journey timelines of awkward keys', () => {
  const suite = apiSuite('timeline-awkward-keys');
  let dataset: DatasetDto;

  beforeAll(async () => {
    const { api } = suite;
    dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'awkward' })).body;
    const rows = KEYS.flatMap((key, i) => [
      [key, 'apply', `2026-03-0${i + 1}T09:00:00+08:00`, 'P1', `Mary's "permit" ${i}`],
      [key, 'approve', `2026-03-0${i + 1}T10:00:00+08:00`, 'P1', `Mary's "permit" ${i}`],
    ]);
    const csv = [
      'case_id,activity,timestamp,citizen,service',
      ...rows.map((r) => r.map(csvField).join(',')),
    ].join('\n');
    const upload = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'awkward.csv', content: csv },
      {
        caseId: 'case_id',
        activity: 'activity',
        timestamp: 'timestamp',
        citizen: 'citizen',
        service: 'service',
      },
    );
    expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: KEYS.length * 2 });
  });

  it.each(KEYS)('finds the two events of case %j and nothing else', async (key) => {
    const res = await getJson<JourneyTimelineDto>(
      `${suite.api.url}/api/v1/datasets/${dataset.id}/journeys/${encodeURIComponent(key)}/timeline`,
    );
    expect(res.status).toBe(200);
    expect(JourneyTimelineDtoSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.journeys).toHaveLength(1);
    expect(res.body.journeys[0]?.events.map((e) => [e.caseId, e.activity])).toEqual([
      [key, 'apply'],
      [key, 'approve'],
    ]);
  });

  it('finds a citizen journey by a service with quotes, and no other service', async () => {
    const citizen = encodeURIComponent(pseudonymize('P1', TEST_PSEUDONYM_KEY));
    const timeline = (service: string) =>
      getJson<JourneyTimelineDto>(
        `${suite.api.url}/api/v1/datasets/${dataset.id}/journeys/${citizen}/timeline` +
          `?journey=citizen%2Bservice&service=${encodeURIComponent(service)}`,
      );
    const res = await timeline(`Mary's "permit" 2`);
    expect(res.status).toBe(200);
    expect(res.body.service).toBe(`Mary's "permit" 2`);
    expect(res.body.journeys.flatMap((j) => j.events.map((e) => e.caseId))).toEqual([
      KEYS[2],
      KEYS[2],
    ]);
    expect((await timeline(`Mary's`)).status).toBe(404);
  });
});
