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
