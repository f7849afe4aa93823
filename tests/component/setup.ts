import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(() => cleanup())

// Dialogs and tabs that load on first open (lazy chunks) can take more than a second on a busy machine.
configure({ asyncUtilTimeout: 5000 })

// jsdom has no layout: give observers and element sizes that let virtual lists render.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver
for (const [prop, size] of [
  ['offsetHeight', 600],
  ['offsetWidth', 800],
  ['clientHeight', 600],
  ['clientWidth', 800],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size })
}

// jsdom has no server behind its http://localhost:3000 page: files the app fetches from its own
// origin by a build-time URL (`?url` imports such as the world-atlas basemap, which vitest names
// by their path in the project) are read from the project instead. Anything else goes to fetch.
const realFetch = globalThis.fetch
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
  if (url.origin === window.location.origin && url.pathname.startsWith('/node_modules/')) {
    const { readFile } = await import('node:fs/promises')
    // Vitest runs from the project's root.
    return new Response(await readFile(`${process.cwd()}${url.pathname}`), { headers: { 'content-type': 'application/json' } })
  }
  return realFetch(input, init)
}
