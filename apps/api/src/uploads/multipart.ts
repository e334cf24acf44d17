/**
 * Streams one file out of a multipart/form-data request with busboy: the file is handed on as a
 * stream while it arrives, never buffered whole. Fields that precede the file (the column
 * mapping) are passed along with it.
 */
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { ProblemException } from '../problem/problem';

export interface IncomingFile {
  /** As the client named it: display only, never a path. */
  fileName: string;
  stream: Readable;
  /** Bytes of the file received so far. */
  bytes(): number;
}

export interface MultipartOptions {
  maxFileBytes: number;
  /** The form part that carries the file. */
  fileField: string;
  /** Fields that must arrive before the file; one arriving after it aborts the upload. */
  leadingFields: readonly string[];
}

export const tooLarge = (max: number): ProblemException =>
  new ProblemException(
    413,
    'upload.too-large',
    `The file exceeds the upload limit of ${max} bytes.`,
  );

function safeFileName(name: string | undefined): string {
  const base =
    (name ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(/\p{Cc}/gu, '') ?? '';
  return base.slice(0, 255) || 'upload.csv';
}

class ByteCounter extends Transform {
  count = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    done(null, chunk);
  }
}

/**
 * Parses the request and calls `onFile` once for the file part. `requestComplete` resolves when
 * the whole request has been read and was well-formed (no leading field after the file): `onFile`
 * must await it before committing anything. The returned promise settles with `onFile`'s result
 * only after the whole request was read, so the response never races the request body.
 */
export function receiveFile<T>(
  req: IncomingMessage,
  options: MultipartOptions,
  onFile: (
    file: IncomingFile,
    fields: Readonly<Record<string, string>>,
    requestComplete: Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers and curl send a file name such as 办件导出.csv as raw UTF-8, not Latin-1.
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: options.maxFileBytes, fields: 20, fieldSize: 1024 * 1024 },
      });
    } catch (error) {
      reject(
        new ProblemException(
          400,
          'upload.not-multipart',
          `Not a multipart/form-data request: ${String(error)}`,
        ),
      );
      return;
    }
    const fields: Record<string, string> = {};
    let work: Promise<T> | undefined;
    let counter: ByteCounter | undefined;
    let lateField: string | undefined;
    let finish!: (error?: Error) => void;
    const requestComplete = new Promise<void>((ok, fail) => {
      finish = (error) => (error ? fail(error) : ok());
    });
    // Nobody may be waiting (no file part); the outcome is reported through `work` anyway.
    requestComplete.catch(() => undefined);

    parser.on('field', (name, value) => {
      if (counter && options.leadingFields.includes(name)) lateField ??= name;
      else fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      if (name !== options.fileField || counter) {
        stream.resume();
        return;
      }
      const bytes = new ByteCounter();
      counter = bytes;
      // Errors reach the reader through its iteration; this keeps a late one from going uncaught.
      bytes.on('error', () => undefined);
      stream.pipe(bytes);
      stream.on('limit', () => {
        stream.unpipe(bytes);
        stream.resume();
        bytes.destroy(tooLarge(options.maxFileBytes));
      });
      const drain = (): void => {
        // Whatever happened to the work, read the rest of the request so busboy can finish.
        stream.unpipe(bytes);
        stream.resume();
      };
      const file = {
        fileName: safeFileName(info.filename),
        stream: bytes,
        bytes: () => bytes.count,
      };
      work = Promise.resolve().then(() => onFile(file, { ...fields }, requestComplete));
      work.then(drain, drain);
    });

    const abort = (problem: ProblemException): void => {
      counter?.destroy(problem);
      finish(problem);
      req.unpipe(parser);
      req.resume();
      // Wait for the work (if any) to settle so nothing keeps writing after we answer.
      const settled = work ?? Promise.resolve();
      settled.then(
        () => reject(problem),
        () => reject(problem),
      );
    };

    parser.on('error', (error: unknown) =>
      abort(
        new ProblemException(400, 'upload.malformed', `Malformed multipart body: ${String(error)}`),
      ),
    );

    parser.on('close', () => {
      if (lateField !== undefined) {
        finish(
          new ProblemException(
            400,
            'upload.field-after-file',
            `The form field "${lateField}" must come before the file part.`,
          ),
        );
      } else {
        finish();
      }
      if (!work) {
        reject(
          new ProblemException(
            400,
            'upload.no-file',
            `No file part named "${options.fileField}" in the form.`,
          ),
        );
        return;
      }
      work.then(resolve, reject);
    });

    // A client that goes away mid-upload cancels it: the staged rows are discarded.
    req.on('aborted', () =>
      abort(new ProblemException(400, 'upload.aborted', 'The client aborted the upload.')),
    );
    req.pipe(parser);
  });
}
