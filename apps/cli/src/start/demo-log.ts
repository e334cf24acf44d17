/** Writes the demo event log (CSV) with the simulator, streamed with backpressure. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { demoOptions, simulate, toCsv } from '@onetrip/simulator';

export async function writeDemoLog(
  file: string,
  lang: 'zh-CN' | 'en',
  journeys?: number,
): Promise<void> {
  const options = demoOptions(lang);
  if (journeys !== undefined) options.journeys = journeys;
  await pipeline(Readable.from(toCsv(simulate(options))), createWriteStream(file));
}
