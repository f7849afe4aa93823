/**
 * Vitest globalSetup for the e2e project: serves the built app (dist/) with `vite preview` on
 * 127.0.0.1 at a free port, and provides its address to tests as `inject('baseUrl')`.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built app is served, without a trailing slash: http://127.0.0.1:PORT */
    baseUrl: string
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The build to serve: dist/, or another folder (relative to the project) in WATCHFLOOR_DIST. */
const OUT_DIR = process.env.WATCHFLOOR_DIST ?? 'dist'

let server: PreviewServer | undefined

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(`${ROOT}/${OUT_DIR}/index.html`)) {
    throw new Error(`e2e tests need a built app: ${OUT_DIR}/index.html is missing. Run \`npm run build\` first.`)
  }
  server = await preview({
    root: ROOT,
    build: { outDir: OUT_DIR },
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  const address = server.httpServer.address()
  if (address === null || typeof address === 'string') throw new Error('vite preview did not report a port')
  project.provide('baseUrl', `http://127.0.0.1:${address.port}`)
}

export async function teardown(): Promise<void> {
  await server?.close()
  server = undefined
}
