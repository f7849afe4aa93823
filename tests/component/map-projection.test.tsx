import { act, render, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { POSITIONS_ELSEWHERE_ROWS as PROJECT_IN_WORKER_ROWS } from '../../src/domain/engine/local/local-engine.ts'
import { projectColumns } from '../../src/domain/geo/mercator.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/** A projection worker that answers only when told to (other workers, such as the titles index's, never answer). */
class HeldWorker {
  static held: (() => void)[] = []
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  postMessage(data: { latDeg: Float32Array; lonDeg: Float32Array } | object): void {
    if (!('latDeg' in data)) return
    HeldWorker.held.push(() => this.onmessage?.({ data: projectColumns(data.latDeg, data.lonDeg) } as MessageEvent))
  }
  terminate(): void {}
}

// jsdom has no canvas; the event layer skips drawing when there is no 2D context.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
})

afterEach(() => {
  vi.unstubAllGlobals()
  HeldWorker.held = []
})

describe('map of a table projected in a worker', () => {
  it('stays busy after its turn until the positions arrive, then is drawn', async () => {
    loadEvents([SEED_EVENT])
    const { container } = render(<MapPanel />)
    const map = (): Element => container.querySelector('.world-map')!
    await waitFor(() => expect(container.querySelector('path[data-shape="CN"]')).not.toBeNull(), { timeout: 5000 })
    expect(map()).not.toHaveAttribute('aria-busy')

    // Workers from here on (jsdom has none: the basemap above was built on the main thread).
    vi.stubGlobal('Worker', HeldWorker)
    const table = generateSyntheticTable({ size: PROJECT_IN_WORKER_ROWS, seed: 11 })
    act(() => useWatchfloor.getState().loadTable(table, { name: 'Generated', customRegions: [] }))
    expect(map()).toHaveAttribute('aria-busy', 'true')
    // The shading of the new table comes in a stage after the events' own: once Germany (no events
    // before) is shaded, both turns have passed.
    expect(container.querySelector('path[data-shape="DE"]')).toHaveClass('map-shape--empty')
    await waitFor(() => expect(container.querySelector('path[data-shape="DE"]')).not.toHaveClass('map-shape--empty'), { timeout: 10_000 })
    await waitFor(() => expect(HeldWorker.held).toHaveLength(1))
    expect(map()).toHaveAttribute('aria-busy', 'true')

    act(() => HeldWorker.held[0]!())
    await waitFor(() => expect(map()).not.toHaveAttribute('aria-busy'))
  }, 30_000)
})
