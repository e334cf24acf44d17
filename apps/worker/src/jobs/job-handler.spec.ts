import { Injectable } from '@nestjs/common';
import { JOB_NAMES } from '@onetrip/backend';
import { PROCESSORS } from '../worker.module';
import { HandlesJob, handledJob, handlersByJob } from './job-handler';

describe('the worker’s job handlers', () => {
  it('cover every job name of the job map exactly once', () => {
    const names = PROCESSORS.map(handledJob);
    expect([...names].sort()).toEqual([...JOB_NAMES].sort());
    expect(new Set(names).size).toBe(names.length);
    expect([...handlersByJob(PROCESSORS).keys()].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('refuse to boot with two handlers for one job', () => {
    @Injectable()
    @HandlesJob('mining.run')
    class SecondMiningHandler {}
    expect(() => handlersByJob([...PROCESSORS, SecondMiningHandler])).toThrow(
      /mining\.run: 2 handlers/,
    );
  });

  it('refuse to boot with a job left without a handler', () => {
    expect(() => handlersByJob([])).toThrow(/mining\.run: 0 handlers/);
  });
});
