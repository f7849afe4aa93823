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

let server: PreviewServer | undefined

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(`${ROOT}/dist/index.html`)) {
    throw new Error('e2e tests need a built app: dist/index.html is missing. Run `npm run build` first.')
  }
  server = await preview({
    root: ROOT,
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
