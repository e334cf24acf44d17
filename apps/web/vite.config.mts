import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// The web app: the main page (index.html) and the chart preview page (preview.html).
// `npx vite --config apps/web/vite.config.mts` serves it with /api proxied to a local api
// (http://127.0.0.1:3000, or ONETRIP_API_URL when the api listens elsewhere).
const apiUrl = process.env.ONETRIP_API_URL ?? 'http://127.0.0.1:3000';
export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    alias: {
      '@onetrip/contracts': here('../../libs/contracts/src/index.ts'),
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: here('../../dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // The contracts' modules only declare schemas and types: one the app does not use is left
      // out, and with it zod (the app imports types and EVENT_FIELDS only; docs/web.md).
      treeshake: {
        moduleSideEffects: (id: string) => !id.replace(/\\/g, '/').includes('/libs/contracts/src/'),
      },
      input: {
        main: here('index.html'),
        preview: here('preview.html'),
      },
    },
  },
});
