import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, CONFIG, IngestionKeyEntity, IngestionKeyRepository } from '@onetrip/backend';
import {
  CreateIngestionKeyRequestSchema,
  type CreatedIngestionKeyDto,
  type IngestionKeyDto,
  type UploadDto,
} from '@onetrip/contracts';
import type { IncomingMessage } from 'node:http';
import { Transform, TransformCallback } from 'node:stream';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid } from '../problem/problem';
import { validate } from '../problem/validate';
import { readIngestOptions } from '../uploads/upload-options';
import { UploadsService } from '../uploads/uploads.service';

/** Most events one push may carry (issue #4); more answers 413 and imports nothing. */
export const MAX_PUSH_EVENTS = 10_000;
/** Most bytes of one push body: 10,000 events of up to 6.4 KiB each. */
export const MAX_PUSH_BYTES = 64 * 1024 * 1024;

const NDJSON_TYPES = /^(application\/(x-ndjson|ndjson|jsonl|x-jsonlines)|text\/plain)\b/i;

export function toKeyDto(k: IngestionKeyEntity): IngestionKeyDto {
  return {
    id: k.id,
    datasetId: k.datasetId,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
  };
}

const unauthorized = (detail: string): ProblemException =>
  new ProblemException(401, 'auth.ingestion-key', detail);

/** Counts bytes and stops the body at the limit with a 413 problem. */
class BodyLimit extends Transform {
  count = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.max) {
      done(
        new ProblemException(
          413,
          'events.too-large',
          `A push body may be at most ${this.max} bytes; send the events in smaller requests.`,
        ),
      );
      return;
    }
    done(null, chunk);
  }
}

@Injectable()
export class PushService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetsService,
    private readonly keys: IngestionKeyRepository,
    private readonly uploads: UploadsService,
  ) {}

  async createKey(datasetId: string, body: unknown): Promise<CreatedIngestionKeyDto> {
    await this.datasets.require(datasetId);
    const input = validate(CreateIngestionKeyRequestSchema, body ?? {});
    const { entity, key } = await this.keys.create(datasetId, input.name ?? null);
    return { ...toKeyDto(entity), key };
  }

  async listKeys(datasetId: string): Promise<IngestionKeyDto[]> {
    await this.datasets.require(datasetId);
    return (await this.keys.listByDataset(datasetId)).map(toKeyDto);
  }

  async revokeKey(datasetId: string, keyId: string): Promise<void> {
    await this.datasets.require(datasetId);
    if (!isUuid(keyId) || !(await this.keys.revoke(datasetId, keyId))) {
      throw new ProblemException(
        404,
        'ingestion-key.not-found',
        `No live ingestion key ${keyId} on dataset ${datasetId}.`,
      );
    }
  }

  /**
   * Appends the NDJSON events of a request body to a dataset: the same pipeline, policy and
   * atomicity as an upload (the push is recorded as an upload named `push`).
   */
  async push(datasetId: string, req: IncomingMessage): Promise<UploadDto> {
    const auth = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match?.[1]) {
      throw unauthorized('Send an ingestion key as "Authorization: Bearer <key>".');
    }
    const key = await this.keys.findLive(match[1]);
    // The same answer for an unknown key and a key of another dataset: nothing to probe.
    if (!key || key.datasetId !== datasetId) {
      throw unauthorized('The ingestion key is unknown, revoked, or not for this dataset.');
    }
    const dataset = await this.datasets.require(datasetId);
    if (!NDJSON_TYPES.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(
        415,
        'events.not-ndjson',
        'Send events as application/x-ndjson: one JSON object per line.',
      );
    }
    const declared = Number(req.headers['content-length']);
    const maxBytes = Math.min(MAX_PUSH_BYTES, this.config.maxUploadBytes);
    if (Number.isFinite(declared) && declared > maxBytes) {
      throw new ProblemException(
        413,
        'events.too-large',
        `A push body may be at most ${maxBytes} bytes; send the events in smaller requests.`,
      );
    }
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    const options = readIngestOptions(query);
    const body = new BodyLimit(maxBytes);
    let complete!: () => void;
    let failed!: (e: Error) => void;
    const requestComplete = new Promise<void>((ok, fail) => {
      complete = ok;
      failed = fail;
    });
    requestComplete.catch(() => undefined);
    req.on('end', () => complete());
    req.on('aborted', () =>
      failed(new ProblemException(400, 'upload.aborted', 'The client aborted the request.')),
    );
    body.on('error', () => undefined);
    req.pipe(body);
    try {
      return await this.uploads.ingest(dataset, {
        fileName: 'push',
        stream: body,
        bytes: () => body.count,
        format: 'ndjson',
        requestComplete,
        ...options,
        saveMapping: false,
        maxEvents: MAX_PUSH_EVENTS,
      });
    } finally {
      // Whatever happened, read the rest so the answer does not race the request body.
      req.unpipe(body);
      req.resume();
    }
  }
}
