import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { bundledSample } from './scripts/sample-plugin.ts'

/**
 * The Content-Security-Policy of the built app: scripts only from our own origin, no eval, no
 * inline script; images only from our origin, data: and blob: (online tiles are fetched and shown
 * as blobs), so no data-driven URL can become an image request. `connect-src` must also cover
 * what the user opts into at run time — a `?data=` or import URL, an online tile server — and a
 * meta policy cannot be widened later, so it allows any https: origin and plain http only on
 * this machine (docs/SECURITY.md explains the trade-off). Added at build time only, because the
 * dev server injects inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data: https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

/**
 * The policy as an HTTP header, as `vite preview` serves it and a deployment must: the same
 * policy plus `frame-ancestors 'none'` (no site may frame the app: clickjacking), which a
 * `<meta>` policy cannot carry (browsers ignore it there). docs/SECURITY.md has the deployment
 * headers.
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

function contentSecurityPolicy(): Plugin {
  return {
    name: 'watchfloor-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  }
}

export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), bundledSample(new URL('./public/data/sample.json', import.meta.url))],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 900 },
  // `vite preview` (and the e2e tests) serve the policy as a header too, as a deployment should:
  // a meta policy binds the page but not its workers, which take theirs from their own response.
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: false,
    // X-Frame-Options for browsers that predate frame-ancestors.
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, 'X-Frame-Options': 'DENY' },
  },
  test: {
    projects: [
      {
        extends: true,
        // CLI tests start node processes: allow for a busy machine.
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/engine/**/*.test.ts'],
          setupFiles: ['tests/guards/fs-guard.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/guards/fs-guard.ts', 'tests/component/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          setupFiles: ['tests/guards/fs-guard.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Polls wait for data to load and render; a busy machine can take several seconds.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
})
