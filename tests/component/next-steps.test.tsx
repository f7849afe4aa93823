import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../src/app/App.tsx'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

const ev = (id: string, date: string, threatLevel: number): object => ({ id, title: `Event ${id}`, date, threatLevel, countries: ['UA'] })

describe('empty states say what to do next', () => {
  beforeEach(() => act(() => useWatchfloor.getState().setImportOpen(false)))

  it('with no data, each panel offers the import dialog', () => {
    loadEvents([])
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'ready' }))
    render(
      <>
        <TimelinePanel />
        <GaugesPanel />
        <EventsPanel />
      </>,
    )
    for (const name of ['timeline', 'gauges', 'events']) {
      const panel = within(screen.getByTestId(`panel-${name}`))
      expect(panel.getByText('No data loaded yet')).toBeInTheDocument()
      expect(panel.getByText(/Import a file/)).toBeInTheDocument()
    }
    fireEvent.click(within(screen.getByTestId('panel-events')).getByTestId('empty-import'))
    expect(useWatchfloor.getState().importOpen).toBe(true)
  })

  it('says "loading" rather than "no data" while the first load runs', () => {
    loadEvents([])
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'loading', message: 'Loading the sample dataset…' }))
    render(<EventsPanel />)
    expect(screen.getByText('Loading the data…')).toBeInTheDocument()
    expect(screen.queryByText('No data loaded yet')).toBeNull()
  })

  it('when the filters exclude everything, says so and clears them', async () => {
    loadEvents([ev('a', '2024-01-05', 3), ev('b', '2024-02-14', 4)])
    render(
      <>
        <TimelinePanel />
        <EventsPanel />
      </>,
    )
    act(() => useWatchfloor.getState().setText('no such words'))
    expect(within(screen.getByTestId('panel-timeline')).getByText('Nothing matches the filters')).toBeInTheDocument()
    const events = within(screen.getByTestId('panel-events'))
    expect(events.getByText(/No events pass the filters above/)).toBeInTheDocument()
    fireEvent.click(events.getByTestId('empty-clear-filters'))
    expect(useWatchfloor.getState().filter.text).toBe('')
    expect(await screen.findAllByTestId('event-row')).toHaveLength(2)
  })

  it('a failed first load says what to check and offers the import dialog', () => {
    loadEvents([])
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'error', message: 'Could not load the data: https://example.org/x.csv answered 404 Not Found' }))
    render(<App />)
    const banner = screen.getByTestId('load-error')
    expect(banner).toHaveTextContent('answered 404 Not Found. Check the address')
    fireEvent.click(within(banner).getByRole('button', { name: 'Import…' }))
    expect(useWatchfloor.getState().importOpen).toBe(true)
  })
})
