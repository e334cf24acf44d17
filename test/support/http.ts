/** Small fetch helpers for tests against the real HTTP API. */
import { readFileSync } from 'node:fs';
import './test-admin'; // the global fetch sends the test admin's session to local apis

export interface JsonResponse<T> {
  status: number;
  contentType: string;
  body: T;
}

async function json<T>(res: Response): Promise<JsonResponse<T>> {
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

export async function getJson<T>(url: string): Promise<JsonResponse<T>> {
  return json<T>(await fetch(url));
}

export async function postJson<T>(url: string, body: unknown): Promise<JsonResponse<T>> {
  return json<T>(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** Multipart upload of a file's content (mapping first, as the API requires). */
export async function uploadCsv<T>(
  url: string,
  file: { name: string; content: string | Buffer },
  mapping?: Record<string, string>,
): Promise<JsonResponse<T>> {
  const form = new FormData();
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), file.name);
  return json<T>(await fetch(url, { method: 'POST', body: form }));
}

export function readFixture(absolutePath: string): Buffer {
  return readFileSync(absolutePath);
}
