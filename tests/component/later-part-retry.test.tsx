import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * When the later part of a warehouse's answer to a search fails (the map's events in view, the
 * actor facet), the map and the actor field say so with the warehouse's reason and a retry,
 * instead of staying busy, and what they showed before stays shown.
 */
const REASON = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30 seconds. (TIMEOUT_EXCEEDED)'
const EVENTS = [
  SEED_EVENT,
  { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'], actors: ['Russian Armed Forces'], location: { lat: 50.45, lon: 30.52 } },
  { id: 'paris', title: 'Protest in Paris', date: '2025-10-20', threatLevel: 2, countries: ['FR'], actors: ['Farmers'], location: { lat: 48.86, lon: 2.35 } },
]

// jsdom has no canvas; the event layer skips drawing when there is no 2D context.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
})

afterEach(() => loadEvents([SEED_EVENT]))

/**
 * The local engine's answers given as a warehouse gives them: whole while `failing` is false,
 * else early (no actors, no map events) with a later part that fails.
 */
type Failing = false | true | 'points' | 'actors'

/**
 * With `failing` 'points' or 'actors', the later part comes whole but for that one part, which
 * says why it failed (as the ClickHouse engine settles each later part on its own).
 */
function warehouseLike(local: LocalEngine): ViewsEngine & { failing: Failing; runs: number } {
  const engine = Object.create(local) as ViewsEngine & { kind: string; failing: Failing; runs: number }
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  engine.failing = false
  engine.runs = 0
  engine.run = async (request: ViewRequest): Promise<Views> => {
    engine.runs++
    const views = await local.run(request)
    if (engine.failing === false) return views
    const later =
      engine.failing === true
        ? Promise.reject(new Error(REASON))
        : Promise.resolve<Views>(engine.failing === 'points' ? { ...views, points: null, pointsError: REASON } : { ...views, actors: NO_ACTORS, actorsError: REASON })
    later.catch(() => undefined)
    return { ...views, actors: NO_ACTORS, actorsPending: true, points: null, later }
  }
  return engine
}

const NO_ACTORS = { values: [], counts: new Uint32Array(0), maxLevel: new Uint8Array(0) }

function connect(engine: ViewsEngine): void {
  act(() => useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
}

const mapOf = (container: HTMLElement): Element => container.querySelector('.world-map')!

describe('a search whose later part fails', () => {
  it('gives the map and the actor field a failed state with the reason and a retry, the data before kept', async () => {
    loadEvents(EVENTS)
    const engine = warehouseLike(new LocalEngine(useWatchfloor.getState().table))
    const { container } = render(
      <>
        <FilterBar />
        <MapPanel />
      </>,
    )
    connect(engine)
    await waitFor(() => expect(useWatchfloor.getState().views.points).not.toBeNull())
    await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.running).toBe(false))
    const framesBefore = useWatchfloor.getState().views.points
    expect(framesBefore?.visible).toBe(3)
    const actorsBefore = useWatchfloor.getState().views.actors
    expect([...actorsBefore.values].sort()).toEqual(['Farmers', 'Mikhail Mishustin', 'Russian Armed Forces', 'Xi Jinping'])
    expect(mapOf(container)).toHaveAttribute('data-events', 'ready')

    engine.failing = true
    act(() => useWatchfloor.getState().setText('strike'))
    const mapFailed = await screen.findByTestId('map-events-failed')
    expect(mapFailed).toHaveTextContent(`The map's events could not be fetched: ${REASON} (those shown are from before this change). Retry`)
    expect(mapOf(container)).toHaveAttribute('data-events', 'failed')
    expect(mapOf(container)).not.toHaveAttribute('aria-busy')
    // The frame drawn before stays, and the actors suggested before.
    expect(useWatchfloor.getState().views.points).toBe(framesBefore)
    expect(useWatchfloor.getState().views.actors).toBe(actorsBefore)
    // What came early is the search's: one event matches.
    expect(useWatchfloor.getState().views.matched).toBe(1)
    const input = screen.getByPlaceholderText('Add actor…')
    expect(input).not.toHaveAttribute('aria-busy')
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByTestId('actors-failed')).toHaveTextContent(`The actors could not be fetched: ${REASON} (those shown are from before this change). Retry`)

    engine.failing = false
    const runsBefore = engine.runs
    fireEvent.click(screen.getByTestId('map-events-failed-retry'))
    await waitFor(() => expect(screen.queryByTestId('map-events-failed')).toBeNull())
    expect(engine.runs).toBe(runsBefore + 1)
    expect(screen.queryByTestId('actors-failed')).toBeNull()
    expect(input).not.toHaveAttribute('aria-invalid')
    expect(mapOf(container)).toHaveAttribute('data-events', 'ready')
    expect(useWatchfloor.getState().views.points?.visible).toBe(1)
    expect([...useWatchfloor.getState().views.actors.values].filter((_, i) => useWatchfloor.getState().views.actors.counts[i]! > 0)).toEqual(['Russian Armed Forces'])
  }, 20_000)

  it('fails only the part that failed: the map alone, then the actors alone, the other drawn whole', async () => {
    loadEvents(EVENTS)
    const engine = warehouseLike(new LocalEngine(useWatchfloor.getState().table))
    const { container } = render(
      <>
        <FilterBar />
        <MapPanel />
      </>,
    )
    connect(engine)
    await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.running).toBe(false))
    const framesBefore = useWatchfloor.getState().views.points
    const actorsBefore = useWatchfloor.getState().views.actors
    expect(framesBefore?.visible).toBe(3)

    // The map's events fail; the actor facet of the search comes: Russian Armed Forces alone.
    engine.failing = 'points'
    act(() => useWatchfloor.getState().setText('strike'))
    expect(await screen.findByTestId('map-events-failed')).toHaveTextContent(`The map's events could not be fetched: ${REASON} (those shown are from before this change). Retry`)
    await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.running).toBe(false))
    expect(useWatchfloor.getState().views.points).toBe(framesBefore)
    const input = screen.getByPlaceholderText('Add actor…')
    expect(screen.queryByTestId('actors-failed')).toBeNull()
    expect(input).not.toHaveAttribute('aria-invalid')
    expect(input).not.toHaveAttribute('aria-busy')
    const actors = useWatchfloor.getState().views.actors
    expect(actors.values.filter((_, i) => actors.counts[i]! > 0)).toEqual(['Russian Armed Forces'])
    expect(useWatchfloor.getState().remoteStatus?.error).toBe(`The map's events: ${REASON}`)

    // Another search whose actor facet fails: the map draws the search's one event, the actor field
    // keeps the actors it suggested before and says why.
    engine.failing = 'actors'
    act(() => useWatchfloor.getState().setText('protest'))
    expect(await screen.findByTestId('actors-failed')).toHaveTextContent(`The actors could not be fetched: ${REASON} (those shown are from before this change). Retry`)
    await waitFor(() => expect(screen.queryByTestId('map-events-failed')).toBeNull())
    expect(mapOf(container)).toHaveAttribute('data-events', 'ready')
    expect(useWatchfloor.getState().views.points?.visible).toBe(1)
    expect(useWatchfloor.getState().views.actors).toBe(actors)
    expect(actorsBefore).not.toBe(actors)
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(useWatchfloor.getState().remoteStatus?.error).toBe(`The actors: ${REASON}`)

    // Retry asks again; both parts come.
    engine.failing = false
    fireEvent.click(screen.getByTestId('actors-failed-retry'))
    await waitFor(() => expect(screen.queryByTestId('actors-failed')).toBeNull())
    expect(useWatchfloor.getState().remoteStatus?.error).toBeNull()
    const after = useWatchfloor.getState().views.actors
    expect(after.values.filter((_, i) => after.counts[i]! > 0)).toEqual(['Farmers'])
  }, 20_000)

  it('with nothing drawn before, the map says its events failed rather than staying busy', async () => {
    loadEvents(EVENTS)
    const engine = warehouseLike(new LocalEngine(useWatchfloor.getState().table))
    engine.failing = true
    const { container } = render(<MapPanel />)
    connect(engine)
    const failed = await screen.findByTestId('map-events-failed')
    expect(failed).toHaveTextContent(`The map's events could not be fetched: ${REASON}. Retry`)
    expect(useWatchfloor.getState().views.points).toBeNull()
    expect(mapOf(container)).toHaveAttribute('data-events', 'failed')
    expect(mapOf(container)).not.toHaveAttribute('aria-busy')
  }, 20_000)
})
