import { SetMetadata, Type } from '@nestjs/common';
import { JOB_NAMES, JobMap, JobName } from '@onetrip/backend';
import type { Job } from 'bull';

const JOB_HANDLER = 'onetrip:job-handler';

/** A Bull processor for one job name of the typed job map. */
export interface JobProcessor<K extends JobName> {
  handle(data: JobMap[K], job: Job): Promise<void>;
}

/** Marks a class as the handler of one job name. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER, name);

export function handledJob(processor: Type<unknown>): JobName | undefined {
  return Reflect.getMetadata(JOB_HANDLER, processor) as JobName | undefined;
}

/**
 * Job name → handler classes. Throws unless every job of the map has exactly one handler and
 * every handler names a known job (checked at boot and in a test).
 */
export function handlersByJob(processors: readonly Type<unknown>[]): Map<JobName, Type<unknown>> {
  const found = new Map<JobName, Type<unknown>[]>();
  for (const processor of processors) {
    const name = handledJob(processor);
    if (name === undefined || !JOB_NAMES.includes(name)) {
      throw new Error(`${processor.name} handles no known job (${String(name)})`);
    }
    found.set(name, [...(found.get(name) ?? []), processor]);
  }
  const problems = JOB_NAMES.flatMap((name) => {
    const handlers = found.get(name) ?? [];
    return handlers.length === 1
      ? []
      : [`${name}: ${handlers.length} handlers (${handlers.map((h) => h.name).join(', ')})`];
  });
  if (problems.length > 0)
    throw new Error(`every job needs exactly one handler:\n  ${problems.join('\n  ')}`);
  return new Map([...found].map(([name, handlers]) => [name, handlers[0]]));
}
