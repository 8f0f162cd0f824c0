import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The 工作台: built into dist/console and served by the API at /console/ (apps/api/src/console/console-static.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  // A <meta property="csp-nonce"> the API fills with each answer's nonce (console-static.ts), for antd's <style>s.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The shell's own chunks stay small; each page is its own chunk (React.lazy in src/app/routes.tsx).
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // antd and react-router mark their modules "use client" for React Server Components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/console` proxies the API started by `npm start` on :3000.
    proxy: Object.fromEntries(
      [
        '/auth',
        '/tasks',
        '/procedures',
        '/estates',
        '/jurisdictions',
        '/organisations',
        '/votes',
        '/handovers',
        '/documents',
        '/me',
        '/notice-board',
        '/committees',
        '/owners',
        '/console/config.js',
      ].map((path) => [path, 'http://127.0.0.1:3000']),
    ),
  },
});
