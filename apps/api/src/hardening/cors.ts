import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { AppConfig } from '@onetrip/backend';

/**
 * CORS for the origins of CORS_ORIGINS only, or null (the default) for none: then browsers let
 * only pages of the api's own origin read its answers. Credentials (the session cookie) are
 * allowed for the listed origins, whose pages must still send the CSRF token.
 */
export function corsOptions(config: AppConfig): CorsOptions | null {
  if (config.corsOrigins.length === 0) return null;
  const allowed = new Set(config.corsOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-CSRF-Token'],
    maxAge: 600,
  };
}
