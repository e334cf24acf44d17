/**
 * Hashes, orders and de-duplicates batches of written rows (hashAndSeal) on a thread of their
 * own, so that the api's main thread parses and writes the next batch meanwhile: an upload is
 * bound by the main thread's CPU, and this takes about a sixth of it off (docs/decisions/0004).
 *
 * The thread runs hashAndSeal's own source text (`Function.prototype.toString`), so there is one
 * implementation for both threads and nothing to build or locate at run time. Batches go over and
 * back as transferred ArrayBuffers (no copy). Answers come in the order batches were sent.
 */
import { Worker } from 'node:worker_threads';
import {
  ROW_LAYOUT,
  hashAndSeal,
  identityRepeats,
  sealedBatch,
  type SealedBatch,
  type SealedRows,
  type WrittenRows,
} from './event-copy';

const SOURCE = `'use strict';
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { IDENTITY_BYTES, IDENTITY_AT, FIELDS_AT, INDEX_BITS } = ${JSON.stringify(ROW_LAYOUT)};
const identityRepeats = ${identityRepeats.toString()};
const hashAndSeal = ${hashAndSeal.toString()};
const digest = (data) => hash('sha256', data, 'binary');
parentPort.on('message', ({ buffer, starts, used }) => {
  const rows = hashAndSeal(new Uint8Array(buffer), starts, used, digest);
  parentPort.postMessage({ buffer, rows }, [buffer, rows.starts.buffer, rows.ends.buffer]);
});
`;

interface Answer {
  buffer: ArrayBuffer;
  rows: SealedRows;
}

export class BatchHasher {
  private readonly worker: Worker;
  private readonly waiting: {
    resolve: (batch: SealedBatch) => void;
    reject: (error: Error) => void;
  }[] = [];
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(SOURCE, { eval: true });
    this.worker.on('message', (answer: Answer) => {
      const next = this.waiting.shift();
      next?.resolve(sealedBatch(Buffer.from(answer.buffer), answer.rows));
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`the hashing thread exited with code ${code}`));
    });
    // It must not keep the process alive.
    this.worker.unref();
  }

  /** Hashes and seals `rows` on the thread; their buffer is unusable here until it comes back. */
  seal(rows: WrittenRows): Promise<SealedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const buf = rows.buf;
    if (buf.byteOffset !== 0 || buf.byteLength !== buf.buffer.byteLength) {
      throw new Error('a batch buffer must own its whole ArrayBuffer to be transferred');
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ buffer: buf.buffer, starts: rows.starts, used: rows.used }, [
        buf.buffer as ArrayBuffer,
        rows.starts.buffer as ArrayBuffer,
      ]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
