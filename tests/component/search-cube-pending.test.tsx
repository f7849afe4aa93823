import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * A warehouse's search whose cube is still coming: the count and the list are the search's, the
 * cube's panels (timeline, gauges, map) keep what they drew before, faded and busy with "Still
 * counting…", and the level toggles show no count; a newer search supersedes the older one's
 * cube; a cube that fails says so in each panel with a retry while the count and the list stay.
 */
const REASON = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30 seconds. (TIMEOUT_EXCEEDED)'
const EVENTS = [
  SEED_EVENT,
  { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'], actors: ['Russian Armed Forces'], location: { lat: 50.45, lon: 30.52 } },
  { id: 'odesa', title: 'Strike on Odesa port', date: '2025-10-28', threatLevel: 4, countries: ['UA'], actors: ['Russian Armed Forces'], location: { lat: 46.48, lon: 30.72 } },
  { id: 'paris', title: 'Protest in Paris', date: '2025-10-20', threatLevel: 2, countries: ['FR'], actors: ['Farmers'], location: { lat: 48.86, lon: 2.35 } },
]

beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
})

afterEach(() => loadEvents([SEED_EVENT]))

interface Held {
  readonly text: string
  readonly release: () => void
  readonly fail: (reason: string) => void
}

const NO_FACET = { values: [], counts: new Uint32Array(0), maxLevel: new Uint8Array(0) }

/**
 * The local engine's answers given as the ClickHouse engine gives an early answer to a search:
 * first the count and the list (`cubePending`, every part the cube makes empty or null), then in
 * `later`, once the test releases it, the whole answer; without a text filter, or once that
 * search's cube has come, whole at once.
 */
function stagedLike(local: LocalEngine): ViewsEngine & { held: Held[]; runs: number } {
  const engine = Object.create(local) as ViewsEngine & { kind: string; held: Held[]; runs: number }
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  engine.held = []
  engine.runs = 0
  // The searches whose cube has come: the warehouse's engine keeps a cube, and a panel's new ask
  // under the same filters is answered whole.
  const came = new Set<string>()
  engine.run = async (request: ViewRequest): Promise<Views> => {
    engine.runs++
    const whole = await local.run(request)
    if (request.early !== true || request.filter.text === '' || came.has(request.filter.text)) return whole
    let release!: () => void
    let fail!: (reason: string) => void
    const later = new Promise<Views>((resolve, reject) => {
      release = () => {
        came.add(request.filter.text)
        resolve(whole)
      }
      fail = (reason) => reject(new Error(reason))
    })
    later.catch(() => undefined)
    engine.held.push({ text: request.filter.text, release, fail })
    return {
      ...whole,
      levelCounts: new Uint32Array(6),
      days: { firstDay: 0, days: 0, exact: new Float64Array(0), spread: new Float64Array(0) },
      regions: NO_FACET,
      countries: NO_FACET,
      categories: NO_FACET,
      actors: NO_FACET,
      actorsPending: true,
      timeline: null,
      gauges: null,
      map: null,
      points: null,
      watched: null,
      compare: null,
      cubePending: true,
      later,
    }
  }
  return engine
}

function connect(engine: ViewsEngine): void {
  act(() => useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
}

const CUBE_PANELS = ['panel-timeline', 'panel-gauges', 'panel-map'] as const
const levelCount = (level: number): string => screen.getByTestId(`filter-level-${level}`).querySelector('.level-toggle__count')!.textContent!
/** The region picker's choices as the user reads them ("Eastern Europe (2)"), the prompt left out. */
const regionChoices = (): string[] => [...screen.getByRole('combobox', { name: /Region/ }).querySelectorAll('option')].slice(1).map((o) => o.textContent!)

function renderDashboard(): void {
  render(
    <>
      <FilterBar />
      <TimelinePanel />
      <GaugesPanel />
      <MapPanel />
      <EventsPanel />
    </>,
  )
}

/** The dashboard drawn over EVENTS through a staged engine, connected and its first answer in. */
async function connectedDashboard(): Promise<ReturnType<typeof stagedLike>> {
  loadEvents(EVENTS)
  const engine = stagedLike(new LocalEngine(useWatchfloor.getState().table))
  renderDashboard()
  connect(engine)
  // The timeline draws in stages and asks for its marks and lanes once their turn has come, and the
  // map, loaded after the first answer, asks for its events: each new ask runs the engine again.
  // The test's searches start once both have asked.
  await waitFor(() => expect(useWatchfloor.getState().asks.timeline?.lanes).toBeTruthy())
  await waitFor(() => expect(useWatchfloor.getState().asks.points).not.toBeNull(), { timeout: 10_000 })
  await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.running).toBe(false))
  return engine
}

/**
 * Lets the cubes held from the `from`th on come (those of `text` alone when given) until no panel
 * says it is still counting: a panel whose ask changes while the search's answer is drawn runs the
 * engine again, and that run's cube is held too.
 */
async function letCubesCome(engine: { held: Held[] }, from: number, text?: string): Promise<void> {
  await waitFor(() => {
    for (const held of engine.held.slice(from)) if (text === undefined || held.text === text) held.release()
    expect(screen.queryByTestId('cube-pending')).toBeNull()
  })
}

describe('a search while its cube is coming', () => {
  it('draws the count and the list, and keeps the cube’s panels from before, faded, until the cube comes', async () => {
    const engine = await connectedDashboard()
    const before = useWatchfloor.getState().views
    expect(before.matched).toBe(4)
    expect(levelCount(5)).toBe('1')
    for (const id of CUBE_PANELS) expect(screen.getByTestId(id)).not.toHaveAttribute('aria-busy')
    expect(screen.queryByTestId('cube-pending')).toBeNull()

    act(() => useWatchfloor.getState().setText('strike'))
    await waitFor(() => expect(useWatchfloor.getState().views.matched).toBe(2))
    const drawn = useWatchfloor.getState().views
    // The count and the list are the search's: Kyiv and Odesa, newest first.
    expect(drawn.list!.rows.length).toBe(2)
    expect(screen.getByTestId('panel-events')).not.toHaveAttribute('aria-busy')
    expect(within(screen.getByTestId('panel-events')).getByText(/^2 matching/)).toBeTruthy()
    // The cube's panels keep what they drew before, busy, and say they are still counting.
    expect(drawn.gauges).toBe(before.gauges)
    expect(drawn.days).toBe(before.days)
    expect(drawn.map).toBe(before.map)
    for (const id of CUBE_PANELS) {
      const panel = screen.getByTestId(id)
      expect(panel).toHaveAttribute('aria-busy', 'true')
      expect(within(panel).getByTestId('cube-pending')).toHaveTextContent('Still counting…')
    }
    // No level count of the filter before is shown as the search's, nor a region's.
    expect(levelCount(5)).toBe('…')
    expect(screen.getByRole('group', { name: 'Threat levels' })).toHaveAttribute('aria-busy', 'true')
    expect(regionChoices()).toContain('Eastern Europe (counting…)')
    expect(regionChoices().every((c) => c.endsWith(' (counting…)'))).toBe(true)
    expect(screen.getByRole('combobox', { name: /Region/ })).toHaveAttribute('aria-busy', 'true')

    await letCubesCome(engine, 0)
    await waitFor(() => {
      for (const id of CUBE_PANELS) expect(screen.getByTestId(id)).not.toHaveAttribute('aria-busy')
    })
    expect(levelCount(5)).toBe('1')
    expect(levelCount(4)).toBe('1')
    expect(levelCount(2)).toBe('0')
    // Kyiv and Odesa: two events in Eastern Europe; Paris is not a match, so Western Europe is not offered.
    expect(regionChoices()).toContain('Eastern Europe (2)')
    expect(regionChoices().some((c) => c.startsWith('Western Europe'))).toBe(false)
    expect(screen.getByRole('combobox', { name: /Region/ })).not.toHaveAttribute('aria-busy')
    expect(useWatchfloor.getState().views.gauges).not.toBe(before.gauges)
    expect(useWatchfloor.getState().views.cubePending).toBeUndefined()
  }, 20_000)

  it('draws nothing of an older search once a newer one has answered', async () => {
    const engine = await connectedDashboard()
    act(() => useWatchfloor.getState().setText('strike'))
    await waitFor(() => expect(useWatchfloor.getState().views.matched).toBe(2))
    act(() => useWatchfloor.getState().setText('protest'))
    await waitFor(() => expect(useWatchfloor.getState().views.matched).toBe(1))
    // The older search's cube comes after the newer search's count: it is not drawn.
    act(() => engine.held.find((h) => h.text === 'strike')!.release())
    await new Promise((done) => setTimeout(done, 50))
    expect(useWatchfloor.getState().views.matched).toBe(1)
    expect(useWatchfloor.getState().views.cubePending).toBe(true)
    expect(levelCount(4)).toBe('…')
    await letCubesCome(engine, 0, 'protest')
    expect(levelCount(2)).toBe('1')
    expect(levelCount(4)).toBe('0')
    expect(useWatchfloor.getState().views.list!.rows.length).toBe(1)
  }, 20_000)

  it('says in each cube panel that the cube failed, with a retry, the count and the list kept', async () => {
    const engine = await connectedDashboard()
    const before = useWatchfloor.getState().views
    act(() => useWatchfloor.getState().setText('strike'))
    await waitFor(() => expect(useWatchfloor.getState().views.cubePending).toBe(true))
    act(() => engine.held[0]!.fail(REASON))
    await waitFor(() => expect(screen.getAllByTestId('cube-failed')).toHaveLength(3))
    for (const id of CUBE_PANELS) {
      expect(within(screen.getByTestId(id)).getByTestId('cube-failed')).toHaveTextContent(
        `The counts by day, place and level could not be fetched: ${REASON} (those shown are from before this change). Retry`,
      )
    }
    const failed = useWatchfloor.getState().views
    expect(failed.matched).toBe(2)
    expect(failed.list!.rows.length).toBe(2)
    expect(failed.gauges).toBe(before.gauges)
    // The level and region counts of the filter before are not shown as the search's either.
    expect(levelCount(5)).toBe('…')
    expect(screen.getByTestId('filter-level-5').querySelector('.level-toggle__count')).toHaveAttribute('title', 'Not counted: the counts could not be fetched')
    expect(regionChoices()).toContain('Eastern Europe (not counted)')
    expect(useWatchfloor.getState().remoteStatus?.error).toBe(`The counts by day, place and level: ${REASON}`)

    const runsBefore = engine.runs
    fireEvent.click(within(screen.getByTestId('panel-gauges')).getByTestId('cube-failed-retry'))
    await waitFor(() => expect(engine.runs).toBe(runsBefore + 1))
    await waitFor(() => expect(screen.getAllByTestId('cube-pending')).toHaveLength(3))
    await letCubesCome(engine, 1)
    expect(screen.queryByTestId('cube-failed')).toBeNull()
    expect(useWatchfloor.getState().remoteStatus?.error).toBeNull()
    expect(levelCount(5)).toBe('1')
  }, 20_000)
})
