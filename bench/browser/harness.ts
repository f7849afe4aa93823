/**
 * Browser side of the benchmarks: builds (the app into .tmp/dist-perf, the peer pages into
 * .tmp/bench-pages), serves a folder with `vite preview`, and launches the system Chromium with
 * the same flags as the e2e tests.
 */
import react from '@vitejs/plugin-react'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const APP_DIST = '.tmp/dist-perf'
export const PAGES_DIST = '.tmp/bench-pages'
export const PAGES = ['leaflet-peer', 'recharts-peer', 'timeline-ours']

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info']

/**
 * tsx compiles the functions we pass to page.evaluate with esbuild's keepNames, which wraps
 * inner functions in a `__name(...)` helper that does not exist in the page: define it there.
 */
export const NAME_SHIM = 'globalThis.__name = (f) => f'

export async function buildApp(): Promise<void> {
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: APP_DIST, emptyOutDir: true } })
}

export async function buildPages(): Promise<void> {
  await build({
    root: `${ROOT}/bench/pages`,
    base: './',
    configFile: false,
    plugins: [react()],
    logLevel: 'warn',
    build: {
      target: 'es2022',
      outDir: `${ROOT}/${PAGES_DIST}`,
      emptyOutDir: true,
      rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, `${ROOT}/bench/pages/${p}.html`])) },
    },
  })
}

export interface Served {
  readonly baseUrl: string
  close(): Promise<void>
}

/** Serves a built folder (relative to the project) on 127.0.0.1 at a free port. */
export async function serve(outDir: string): Promise<Served> {
  const server: PreviewServer = await preview({
    root: ROOT,
    configFile: false,
    build: { outDir },
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  const address = server.httpServer.address()
  if (address === null || typeof address === 'string') throw new Error('vite preview did not report a port')
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => server.close() }
}

export function launch(): Promise<Browser> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p): p is string => Boolean(p) && existsSync(p!))
  if (executablePath === undefined) throw new Error('Chromium not found: set CHROMIUM_PATH or install chromium')
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
}

/** The scripts and module preloads index.html loads up front, as paths relative to the build folder. */
export function initialChunks(outDir: string): string[] {
  const html = readFileSync(`${ROOT}/${outDir}/index.html`, 'utf8')
  const refs = new Set<string>()
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) refs.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) refs.add(m[1]!)
  return [...refs].map((r) => r.replace(/^\.?\//, ''))
}

/** Gzip bytes (zlib default level, as servers use) of the initial JS of a build. */
export function initialJsGzipBytes(outDir: string): number {
  let bytes = 0
  for (const chunk of initialChunks(outDir)) bytes += gzipSync(readFileSync(`${ROOT}/${outDir}/${chunk}`)).length
  return bytes
}
