import { act, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { requestOf, STAGED_CHANGE_ROWS } from '../../src/state/run-views.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { formatCount } from '../../src/ui/format.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

afterEach(() => act(() => useWatchfloor.getState().setFilter(EMPTY_FILTER)))

/** Each gauge's region and score as drawn. */
function drawnScores(): string[] {
  return screen.getAllByTestId('gauge').map((g) => `${g.dataset.region} ${g.dataset.score}`)
}

const panel = (name: string): HTMLElement => screen.getByTestId(`panel-${name}`)
const settled = (): boolean => useWatchfloor.getState().staleParts.size === 0 && useWatchfloor.getState().pendingParts.size === 0

describe('panels while a filter change on a large table is made in stages', () => {
  it('shows the new count at once, and the gauges and the list busy with their earlier answer until theirs comes', async () => {
    const table = generateSyntheticTable({ size: STAGED_CHANGE_ROWS, seed: 21 })
    act(() => useWatchfloor.getState().loadTable(table, { name: 'Generated', customRegions: [] }))
    render(
      <>
        <Header />
        <GaugesPanel />
        <EventsPanel />
      </>,
    )
    await waitFor(() => expect(settled()).toBe(true), { timeout: 10_000 })
    await waitFor(() => expect(panel('gauges')).not.toHaveAttribute('aria-busy'))
    expect(panel('events')).not.toHaveAttribute('aria-busy')
    const scoresBefore = drawnScores()

    act(() => useWatchfloor.getState().setRegions(['eastern-europe']))
    const fresh = new LocalEngine(table).answer(requestOf(useWatchfloor.getState()))
    expect(fresh.matched).toBeLessThan(table.size)
    // The count is the new filter's at once…
    expect(screen.getByTestId('event-count')).toHaveTextContent(formatCount(fresh.matched))
    // …while the gauges still draw the earlier answer, marked busy and faded, not as current.
    expect(panel('gauges')).toHaveAttribute('aria-busy', 'true')
    expect(panel('gauges').querySelector('.panel__body')).toHaveClass('panel__body--stale')
    expect(drawnScores()).toEqual(scoresBefore)
    expect(panel('events')).toHaveAttribute('aria-busy', 'true')

    // Their turn comes in later tasks: every panel current and no longer busy.
    await waitFor(() => expect(panel('gauges')).not.toHaveAttribute('aria-busy'), { timeout: 5_000 })
    await waitFor(() => expect(panel('events')).not.toHaveAttribute('aria-busy'), { timeout: 5_000 })
    expect(panel('gauges').querySelector('.panel__body')).not.toHaveClass('panel__body--stale')
    const overall = fresh.gauges!.overall
    const drawnOverall = screen.getAllByTestId('gauge').find((g) => g.dataset.region === 'overall')!
    expect(drawnOverall.dataset.score).toBe(String(overall.score))
    expect(drawnScores()).not.toEqual(scoresBefore)
    expect(within(panel('events')).getByText(new RegExp(`${formatCount(fresh.matched)} matching`))).toBeInTheDocument()
  })
})

describe('the map while its event layer waits for its own task', () => {
  beforeAll(() => {
    // jsdom has no canvas; the event layer skips drawing when there is no 2D context.
    HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
  })

  it('is busy and faded with its shading made and its points still from the earlier filter, current once both are', async () => {
    loadEvents([SEED_EVENT, { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'] }])
    render(<MapPanel />)
    await waitFor(() => expect(panel('map')).not.toHaveAttribute('aria-busy'))
    // The state a fill leaves between the map's two tasks (run-views.ts): shading new, points not.
    act(() => useWatchfloor.setState({ staleParts: new Set(['points']) }))
    expect(panel('map')).toHaveAttribute('aria-busy', 'true')
    expect(panel('map').querySelector('.panel__body')).toHaveClass('panel__body--stale')
    act(() => useWatchfloor.setState({ staleParts: new Set() }))
    expect(panel('map')).not.toHaveAttribute('aria-busy')
    expect(panel('map').querySelector('.panel__body')).not.toHaveClass('panel__body--stale')
  }, 20_000)
})
