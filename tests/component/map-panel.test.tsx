import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { LEVEL_COLOURS } from '../../src/ui/level-style.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

const EVENTS = [
  SEED_EVENT,
  { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'] },
  { id: 'old', title: 'Old French event', date: '2023-05-01', threatLevel: 2, countries: ['FR'] },
]

// jsdom has no canvas; the event layer skips drawing when there is no 2D context.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
})

/** The first element matching `selector` once the map has drawn it. */
async function drawn(container: HTMLElement, selector: string, timeout = 5000): Promise<Element> {
  return waitFor(
    () => {
      const found = container.querySelector(selector)
      if (!found) throw new Error(`${selector} not drawn yet`)
      return found
    },
    { timeout },
  )
}

async function shapeOf(container: HTMLElement, id: string): Promise<Element> {
  return drawn(container, `path[data-shape="${id}"]`, 15_000)
}

describe('map panel', () => {
  it('is narrowed by a region chosen elsewhere: places outside are dimmed and unshaded, and the caption says so', async () => {
    loadEvents(EVENTS)
    const { container } = render(<MapPanel />)
    await shapeOf(container, 'UA')
    act(() => useWatchfloor.getState().setRegions(['eastern-europe']))
    await waitFor(() => expect(container.querySelector('path[data-shape="FR"]')).toHaveClass('map-shape--outside'))
    expect(container.querySelector('path[data-shape="FR"]')).toHaveClass('map-shape--empty')
    expect(container.querySelector('path[data-shape="UA"]')).not.toHaveClass('map-shape--outside')
    expect(container.querySelector('path[data-shape="UA"]')).toHaveAttribute('fill', LEVEL_COLOURS[5])
    expect(screen.getByTestId('panel-map')).toHaveTextContent('Highest level, 30 days to 4 Nov 2025 · Eastern Europe')
  }, 20_000)

  it('with a time range set, shades the range (not the 30 days before its end), the rolling window one choice away', async () => {
    loadEvents(EVENTS)
    const { container } = render(<MapPanel />)
    await shapeOf(container, 'FR')
    act(() => useWatchfloor.getState().setTimeRange({ fromMs: Date.UTC(2023, 0, 1), toMs: Date.UTC(2024, 0, 1) }))
    await waitFor(() => expect(container.querySelector('path[data-shape="FR"]')).toHaveAttribute('fill', LEVEL_COLOURS[2]))
    expect(screen.getByTestId('map-legend-window')).toHaveTextContent('1 Jan 2023 – 31 Dec 2023')
    act(() => useWatchfloor.getState().setIndexWindow('rolling'))
    await waitFor(() => expect(container.querySelector('path[data-shape="FR"]')).toHaveClass('map-shape--quiet'))
    expect(screen.getByTestId('map-legend-window')).toHaveTextContent('30 days to 31 Dec 2023')
    act(() => useWatchfloor.getState().setIndexWindow('range'))
  }, 20_000)

  it('shades a country with recent events by level, an old one as quiet, and filters by a click on it', async () => {
    loadEvents(EVENTS)
    const { container } = render(<MapPanel />)
    const ukraine = await drawn(container, 'path[data-shape="UA"]')
    expect(ukraine).toHaveAttribute('fill', LEVEL_COLOURS[5])
    expect(ukraine).not.toHaveClass('map-shape--empty')
    expect(container.querySelector('path[data-shape="FR"]')).toHaveClass('map-shape--quiet')
    expect(container.querySelector('path[data-shape="DE"]')).toHaveClass('map-shape--empty')
    fireEvent.click(ukraine)
    expect(useWatchfloor.getState().filter.countries).toEqual(['UA'])
    await waitFor(() => expect(container.querySelector('path[data-shape="UA"]')).toHaveClass('map-shape--selected'))
    fireEvent.keyDown(container.querySelector('[data-testid="map-canvas"]')!, { key: 'Escape' })
    expect(useWatchfloor.getState().filter.countries).toEqual([])
  })

  it('gives a country without a shape (Singapore at 110m) a marker that filters by it', async () => {
    loadEvents([...EVENTS, { id: 'sg', title: 'Singapore event', date: '2025-11-02', threatLevel: 3, countries: ['SG'] }])
    const { container } = render(<MapPanel />)
    const marker = await drawn(container, 'path.map-place-marker')
    expect(container.querySelectorAll('path.map-place-marker')).toHaveLength(1)
    expect(marker).toHaveAttribute('fill', LEVEL_COLOURS[3])
    fireEvent.click(marker)
    expect(useWatchfloor.getState().filter.countries).toEqual(['SG'])
  })

  it('restyles a shapeless country’s marker in place on a filter change, and drops it when no event is left', async () => {
    loadEvents([
      ...EVENTS,
      { id: 'sg3', title: 'Singapore event', date: '2025-11-02', threatLevel: 3, countries: ['SG'] },
      { id: 'sg5', title: 'Singapore alert', date: '2025-11-03', threatLevel: 5, countries: ['SG'] },
    ])
    const { container } = render(<MapPanel />)
    const marker = await drawn(container, 'path.map-place-marker')
    expect(marker).toHaveAttribute('fill', LEVEL_COLOURS[5])
    const showLevels = (levels: (1 | 2 | 3 | 4 | 5)[]): void => {
      const { filter, setFilter } = useWatchfloor.getState()
      act(() => setFilter({ ...filter, levels }))
    }
    showLevels([1, 2, 3, 4])
    await waitFor(() => expect(marker).toHaveAttribute('fill', LEVEL_COLOURS[3]))
    expect(container.querySelector('path.map-place-marker')).toBe(marker)
    showLevels([1, 2, 4])
    await waitFor(() => expect(container.querySelector('path.map-place-marker')).toBeNull())
    showLevels([1, 2, 3, 4])
    await waitFor(() => expect(container.querySelectorAll('path.map-place-marker')).toHaveLength(1))
  }, 20_000)

  it('shows a legend that tells "no recent activity" from "low" and from "no events"', async () => {
    loadEvents(EVENTS)
    render(<MapPanel />)
    const legend = await screen.findByTestId('map-legend')
    for (const text of ['1 low', '5 critical', 'no recent activity', 'no events', 'approximate place']) {
      expect(within(legend).getByText(text, { exact: false })).toBeInTheDocument()
    }
    expect(legend).toHaveTextContent('Highest level30 days to 4 Nov 2025')
    fireEvent.change(screen.getByTestId('map-measure'), { target: { value: 'score' } })
    expect(screen.getByTestId('map-legend')).toHaveTextContent('Threat score30 days to 4 Nov 2025')
    expect(screen.getByTestId('map-legend')).toHaveTextContent('80–100')
  })

  it('keeps a Table tab that lists places as text and filters by a click', async () => {
    loadEvents(EVENTS)
    render(<MapPanel />)
    fireEvent.click(screen.getByTestId('map-tab-table'))
    expect(screen.getByTestId('map-tab-table')).toHaveAttribute('aria-selected', 'true')
    const rows = await screen.findAllByTestId('geo-row')
    const ukraine = rows.find((r) => r.dataset.id === 'UA')!
    expect(ukraine).toHaveTextContent('Ukraine')
    expect(ukraine).toHaveAttribute('aria-pressed', 'false')
    fireEvent.click(ukraine)
    expect(screen.getAllByTestId('geo-row').find((r) => r.dataset.id === 'UA')).toHaveAttribute('aria-pressed', 'true')
    expect(useWatchfloor.getState().views.matched).toBe(1)
    // The table ignores its own filter, so France is still listed.
    expect(screen.getAllByTestId('geo-row').some((r) => r.dataset.id === 'FR')).toBe(true)
  })

  it('leaves the online basemap off by default and refuses a URL that is not an http(s) tile template', () => {
    loadEvents(EVENTS)
    render(<MapPanel />)
    const toggle = screen.getByTestId('map-tiles-toggle')
    expect(toggle).not.toBeChecked()
    fireEvent.change(screen.getByLabelText('Tile URL'), { target: { value: 'javascript:alert(1)//{z}{x}{y}' } })
    expect(toggle).toBeDisabled()
    expect(screen.getByText(/An http\(s\) URL with/)).toBeInTheDocument()
  })
})
