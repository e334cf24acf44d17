/**
 * Serves the built web app (WEB_DIST) at `/`, with index.html for any other non-API GET so the
 * client-side router can take over. Paths are resolved inside the directory; nothing escapes it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

type Next = (error?: unknown) => void;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function staticWeb(
  root: string,
): ((req: IncomingMessage, res: ServerResponse, next: Next) => void) | null {
  const dir = path.resolve(root);
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return null;
  return (req, res, next) => {
    const url = req.url ?? '/';
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      url.startsWith('/api/') ||
      url === '/api'
    ) {
      next();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.split('?')[0] ?? '/');
    } catch {
      next();
      return;
    }
    const candidate = path.resolve(dir, `.${pathname}`);
    const inside = candidate === dir || candidate.startsWith(dir + path.sep);
    const file = inside && isFile(candidate) ? candidate : index;
    res.statusCode = 200;
    res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    // Hashed assets may be cached for long; index.html must be revalidated to pick up new builds.
    res.setHeader(
      'Cache-Control',
      file === index
        ? 'no-cache'
        : pathname.includes('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
    );
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).on('error', next).pipe(res);
  };
}
