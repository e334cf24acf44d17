import type { AppConfig } from '@onetrip/backend';
import helmet from 'helmet';

/**
 * Security headers by helmet, with a Content-Security-Policy the web app runs under: its scripts
 * and styles are files of its own origin (Vite builds no inline script), D3 sets style attributes
 * (style-src 'unsafe-inline' for attributes), the favicon is a data: URL, and the chart export
 * draws an SVG through a blob: URL. No other origin may frame the app (clickjacking).
 * `upgrade-insecure-requests` is left out so a plain-http deployment on a LAN still loads; HSTS is
 * sent only in production (behind https).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'script-src-attr': ["'none'"],
  'upgrade-insecure-requests': null,
};

export function securityHeaders(config: AppConfig): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: config.env === 'production',
    // The api answers API clients of its own origin; nothing here is meant to be embedded.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
