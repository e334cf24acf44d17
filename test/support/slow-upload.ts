/**
 * Multipart uploads written piece by piece over time (for progress and crash tests): the form's
 * leading fields, then the file in the given pieces with a pause between them.
 */
import http from 'node:http';
import { TEST_AUTH_HEADER } from './test-admin';

export interface SlowUpload {
  /** Resolves with the status and parsed body, or rejects when the connection breaks. */
  response: Promise<{ status: number; body: unknown }>;
  /** Resolves once every piece was written. */
  sent: Promise<void>;
  destroy(): void;
}

export function slowUpload(
  url: string,
  options: {
    fileName: string;
    pieces: readonly (string | Buffer)[];
    pauseMs: number;
    fields?: Record<string, string>;
  },
): SlowUpload {
  const boundary = `----onetrip-test-${process.pid}-${Date.now()}`;
  let head = '';
  for (const [name, value] of Object.entries(options.fields ?? {})) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName}"\r\n` +
    'Content-Type: text/csv\r\n\r\n';
  const tail = `\r\n--${boundary}--\r\n`;
  const req = http.request(url, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: TEST_AUTH_HEADER,
    },
  });
  const response = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  response.catch(() => undefined);
  const sent = (async () => {
    req.write(head);
    for (const piece of options.pieces) {
      if (req.destroyed) return;
      req.write(piece);
      await new Promise((r) => setTimeout(r, options.pauseMs));
    }
    if (!req.destroyed) req.end(tail);
  })();
  sent.catch(() => undefined);
  return { response, sent, destroy: () => req.destroy() };
}
