import { act, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useEarlyWarning } from '../../src/app/use-early-warning.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * In warehouse mode early warning's weekly counts (long queries at scale) are asked once the
 * panels' whole answer has come, its later parts included, so that on a warehouse that answers
 * a few queries at a time they do not queue ahead of the panels' own; and once asked they are
 * not asked again when the filters change.
 */
const EVENTS = [
  SEED_EVENT,
  { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'] },
  { id: 'paris', title: 'Protest in Paris', date: '2025-10-20', threatLevel: 2, countries: ['FR'] },
]

afterEach(() => loadEvents([SEED_EVENT]))

/** The local engine answering as the ClickHouse engine does: an early answer, and the whole one in `later` once released. */
function heldLater(local: LocalEngine): ViewsEngine & { release: () => void; counted: number } {
  const engine = Object.create(local) as ViewsEngine & { kind: string; release: () => void; counted: number }
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  const waiting: (() => void)[] = []
  engine.release = () => waiting.splice(0).forEach((go) => go())
  engine.counted = 0
  engine.run = async (request: ViewRequest): Promise<Views> => {
    const whole = await local.run(request)
    if (request.early !== true) return whole
    const later = new Promise<Views>((resolve) => waiting.push(() => resolve(whole)))
    return { ...whole, gauges: whole.gauges && { ...whole.gauges, contributionsPending: true }, later }
  }
  engine.warningCounts = (throughMs) => {
    engine.counted++
    return local.warningCounts(throughMs)
  }
  return engine
}

function Warning() {
  useEarlyWarning()
  return null
}

const pause = (ms: number): Promise<void> => act(() => new Promise<void>((done) => setTimeout(done, ms)))

describe('early warning over a warehouse', () => {
  it('asks for the weekly counts only once the panels’ later parts have come, and not again on a filter change', async () => {
    loadEvents(EVENTS)
    const engine = heldLater(new LocalEngine(useWatchfloor.getState().table))
    render(<Warning />)
    act(() => useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
    // The early answer is drawn; its later part is still coming.
    await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.lastMs).not.toBeNull())
    expect(useWatchfloor.getState().views.later).toBeDefined()
    await pause(600)
    expect(engine.counted).toBe(0)
    expect(useWatchfloor.getState().warning.status).toBe('idle')

    act(() => engine.release())
    await waitFor(() => expect(useWatchfloor.getState().views.later).toBeUndefined())
    await waitFor(() => expect(engine.counted).toBe(1))
    await waitFor(() => expect(useWatchfloor.getState().warning.status).toBe('ready'), { timeout: 10_000 })

    // A filter change runs the panels again (held again): early warning, which does not follow the filters, is not asked again.
    act(() => useWatchfloor.getState().toggleLevel(5))
    await waitFor(() => expect(useWatchfloor.getState().views.later).toBeDefined())
    act(() => engine.release())
    await waitFor(() => expect(useWatchfloor.getState().views.later).toBeUndefined())
    await pause(600)
    expect(engine.counted).toBe(1)
    expect(useWatchfloor.getState().warning.status).toBe('ready')
  }, 20_000)
})
