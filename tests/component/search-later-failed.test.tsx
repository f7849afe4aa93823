import { act, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { WarehouseButton } from '../../src/features/warehouse/components/warehouse-button.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * A warehouse's early answer to a search leaves the actor facet and the map's events to its later
 * part. While it comes the actor field is busy; when it fails, the field stops waiting, what came
 * early stays drawn, and the status says what failed.
 */
const REASON = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30 seconds. (TIMEOUT_EXCEEDED)'

/** The local engine's answers, given early as a warehouse gives a search's, the later part settled by the test. */
function stagedEngine(local: LocalEngine, later: Promise<Views>): ViewsEngine {
  const engine = Object.create(local) as ViewsEngine & { kind: string }
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  engine.run = async (request: ViewRequest): Promise<Views> => {
    const views = await local.run(request)
    return { ...views, actors: { values: [], counts: new Uint32Array(0), maxLevel: new Uint8Array(0) }, actorsPending: true, points: null, later }
  }
  return engine
}

afterEach(() => loadEvents([SEED_EVENT]))

describe('a search whose later part fails', () => {
  it('stops the actor field waiting, keeps the early answer drawn and says what failed', async () => {
    loadEvents([SEED_EVENT])
    const local = new LocalEngine(useWatchfloor.getState().table)
    let fail: (error: Error) => void = () => undefined
    const later = new Promise<Views>((_, reject) => (fail = reject))
    later.catch(() => undefined)
    render(
      <>
        <WarehouseButton />
        <FilterBar />
      </>,
    )
    act(() => useWatchfloor.getState().connectWarehouse(stagedEngine(local, later), { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
    const input = screen.getByPlaceholderText('Add actor…')
    await waitFor(() => expect(input).toHaveAttribute('aria-busy', 'true'))
    // The early answer is drawn; the status stays busy while its later part is to come.
    expect(screen.getByTestId('warehouse-status')).toHaveAttribute('aria-busy', 'true')
    const matched = useWatchfloor.getState().views.matched
    expect(matched).toBeGreaterThan(0)
    await act(async () => fail(new Error(REASON)))
    await waitFor(() => expect(input).not.toHaveAttribute('aria-busy'))
    expect(screen.getByTestId('warehouse-status')).not.toHaveAttribute('aria-busy')
    expect(screen.getByTestId('warehouse-status')).toHaveTextContent(`Warehouse: The actors: ${REASON}`)
    expect(useWatchfloor.getState().views.matched).toBe(matched)
    expect(useWatchfloor.getState().views.actorsPending).toBeUndefined()
  })
})
