import {
  canonicalRunParams,
  promisedAttributes,
  runParamsHash,
  toInsightsOptions,
  toMiningOptions,
  toQueueOptions,
  withDatasetChannels,
  withDatasetQueue,
  withDatasetSettings,
} from './run-params';

describe('run params', () => {
  it('hash the same whatever the key order or channel order, so identical runs hit the cache', () => {
    expect(runParamsHash({ journey: 'case', inPerson: ['hall', 'window'] })).toBe(
      runParamsHash({ inPerson: ['window', 'hall', 'hall'], journey: 'case' }),
    );
    expect(runParamsHash({})).not.toBe(runParamsHash({ journey: 'citizen' }));
    expect(canonicalRunParams({ tripGapSeconds: 60, lifecycle: 'none' })).toEqual({
      lifecycle: 'none',
      tripGapSeconds: 60,
    });
  });

  it('convert seconds to the miner’s milliseconds and pass only what was set', () => {
    expect(toMiningOptions({ journeyGapSeconds: 86400, tripGapSeconds: 3600 })).toEqual({
      journeyGapMs: 86_400_000,
      tripGapMs: 3_600_000,
    });
    expect(toMiningOptions({})).toEqual({});
  });

  it('pass the queue activities to the insights, sorted and deduplicated in the cache key', () => {
    const params = {
      queueStartActivities: ['kiosk', '取号', 'kiosk'],
      queueAbandonActivities: ['过号'],
    };
    expect(canonicalRunParams(params)).toEqual({
      queueAbandonActivities: ['过号'],
      queueStartActivities: ['kiosk', '取号'],
    });
    expect(runParamsHash(params)).toBe(
      runParamsHash({ queueAbandonActivities: ['过号'], queueStartActivities: ['取号', 'kiosk'] }),
    );
    expect(runParamsHash(params)).not.toBe(runParamsHash({}));
    expect(toQueueOptions({ queueEndActivities: ['window'], tripGapSeconds: 60 })).toEqual({
      queueEndActivities: ['window'],
    });
    expect(toMiningOptions(params)).toEqual({});
  });
});

describe('withDatasetChannels', () => {
  const roles = { 网上: 'online', 大厅: 'in-person', 窗口: 'in-person' } as const;

  it("fills inPerson from the dataset's in-person values, so the cache key follows the roles", () => {
    const params = withDatasetChannels({ journey: 'case' }, roles);
    expect(params).toEqual({ journey: 'case', inPerson: ['大厅', '窗口'] });
    expect(runParamsHash(params)).not.toBe(runParamsHash({ journey: 'case' }));
  });

  it('gives an empty list when no value is in person (no trips, not hall by default)', () => {
    expect(withDatasetChannels({}, { 网上: 'online' })).toEqual({ inPerson: [] });
  });

  it("keeps the run's own inPerson, and the defaults when the dataset has no roles", () => {
    expect(withDatasetChannels({ inPerson: ['hall'] }, roles)).toEqual({ inPerson: ['hall'] });
    expect(withDatasetChannels({}, null)).toEqual({});
  });
});

describe('withDatasetQueue', () => {
  const queue = { ticket: ['取号'], call: ['叫号'], abandon: ['过号'] };

  it("fills each queue param the run does not give from the dataset's queue activities", () => {
    const params = withDatasetQueue({ journey: 'case' }, queue);
    expect(params).toEqual({
      journey: 'case',
      queueStartActivities: ['取号'],
      queueEndActivities: ['叫号'],
      queueAbandonActivities: ['过号'],
    });
    // Other activities, another cache key: a change of the dataset's names means a new run.
    expect(runParamsHash(params)).not.toBe(
      runParamsHash(withDatasetQueue({ journey: 'case' }, { ...queue, abandon: [] })),
    );
  });

  it("keeps the run's own names, and the defaults when the dataset has none", () => {
    expect(withDatasetQueue({ queueEndActivities: ['window'] }, queue)).toMatchObject({
      queueStartActivities: ['取号'],
      queueEndActivities: ['window'],
    });
    expect(withDatasetQueue({}, null)).toEqual({});
  });

  it('passes an empty abandonment list to the mining: no activity closes a ticket', () => {
    const params = withDatasetSettings(
      {},
      { channelRoles: null, queueActivities: { ...queue, abandon: [] } },
    );
    expect(toQueueOptions(params)).toEqual({
      queueStartActivities: ['取号'],
      queueEndActivities: ['叫号'],
      queueAbandonActivities: [],
    });
  });

  it("reads the ticket number from the dataset's ticket-number column unless the run names one", () => {
    const withNumber = { ...queue, ticketNumber: '票号' };
    expect(withDatasetQueue({}, withNumber).queueTicketAttribute).toBe('票号');
    expect(
      withDatasetQueue({ queueTicketAttribute: 'ticket_no' }, withNumber).queueTicketAttribute,
    ).toBe('ticket_no');
    expect(withDatasetQueue({}, queue)).not.toHaveProperty('queueTicketAttribute');
    expect(runParamsHash(withDatasetQueue({}, withNumber))).not.toBe(
      runParamsHash(withDatasetQueue({}, queue)),
    );
  });
});

describe('deadline settings in the run params', () => {
  const limit = {
    service: '不动产登记',
    code: 'BDC001',
    promised: 5,
    legal: 30,
    unit: 'workdays' as const,
  };
  const other = { service: '营业执照', promised: 2, legal: null, unit: 'hours' as const };
  const dataset = { channelRoles: null, queueActivities: null, deadlines: { limits: [limit] } };

  it("are the dataset's unless the run gives its own, so changed limits mean a new run", () => {
    expect(withDatasetSettings({}, dataset).deadlines).toEqual({ limits: [limit] });
    const own = { limits: [other] };
    expect(withDatasetSettings({ deadlines: own }, dataset).deadlines).toBe(own);
    expect(withDatasetSettings({}, { ...dataset, deadlines: null })).toEqual({});
    expect(runParamsHash(withDatasetSettings({}, dataset))).not.toBe(
      runParamsHash(withDatasetSettings({}, { ...dataset, deadlines: { limits: [other] } })),
    );
  });

  it('hash the same whatever the order of the limits or of their fields', () => {
    const reordered = { unit: other.unit, legal: null, promised: 2, service: other.service };
    expect(runParamsHash({ deadlines: { limits: [limit, other] } })).toBe(
      runParamsHash({ deadlines: { limits: [reordered, { ...limit }] } }),
    );
  });

  it('reach the miner without the attribute names, which the event stream reads', () => {
    const params = { deadlines: { limits: [limit], promisedAttributes: ['截止日期'] } };
    expect(toInsightsOptions(params, 'Asia/Shanghai').deadlines).toEqual({ limits: [limit] });
    expect(promisedAttributes(params)).toEqual(['截止日期']);
    expect(promisedAttributes({})).toEqual(['承诺办结时间', '承诺时限']);
  });
});
