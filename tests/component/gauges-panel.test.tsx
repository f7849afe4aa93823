import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

function gauge(region: string): HTMLElement {
  const found = screen.getAllByTestId('gauge').find((g) => g.dataset.region === region)
  if (!found) throw new Error(`no gauge for ${region}`)
  return found
}

describe('gauges panel', () => {
  it('with only the seed event, the Eastern Europe and Asia gauges read level 3 and name the event', async () => {
    loadEvents([SEED_EVENT])
    render(<GaugesPanel />)
    for (const region of ['eastern-europe', 'asia']) {
      expect(gauge(region)).toHaveAttribute('data-level', '3')
      expect(gauge(region)).toHaveAttribute('data-score', '33.1')
    }
    expect(gauge('overall')).toHaveAttribute('data-level', '3')
    expect(within(gauge('eastern-europe')).getByText('Eastern Europe')).toBeInTheDocument()
    expect(within(gauge('eastern-europe')).getByText('3 elevated')).toBeInTheDocument()
    fireEvent.click(gauge('eastern-europe'))
    const detail = await screen.findByTestId('gauge-detail')
    expect(await within(detail).findByText(SEED_EVENT.title)).toBeInTheDocument()
    expect(within(detail).getByText('100.0 %')).toBeInTheDocument()
    expect(within(detail).getByText('Method')).toBeInTheDocument()
  })

  it('reads "no recent activity" when the window holds nothing, and says how to widen it', () => {
    loadEvents([SEED_EVENT, { id: 'old', title: 'Old event', date: '2020-01-01', threatLevel: 5, countries: ['FR'] }])
    render(<GaugesPanel />)
    expect(screen.queryAllByTestId('gauge').some((g) => g.dataset.region === 'western-europe')).toBe(false)
    fireEvent.change(screen.getByRole('combobox', { name: 'Window' }), { target: { value: '365' } })
    expect(gauge('asia')).toHaveAttribute('data-level', '3')
  })

  it('says the filters emptied the gauges when a search, not the window, left nothing', async () => {
    loadEvents([SEED_EVENT])
    render(<GaugesPanel />)
    expect(screen.queryByTestId('gauges-empty')).not.toBeInTheDocument()
    act(() => useWatchfloor.getState().setText('no such words anywhere'))
    expect(await screen.findByTestId('gauges-empty')).toHaveTextContent(/No event matching the filters falls in .*Remove a filter or choose a longer window\./)
    act(() => useWatchfloor.getState().setText(''))
    await waitFor(() => expect(gauge('asia')).toHaveAttribute('data-level', '3'))
    // As of today, a week's window holds nothing of 2025: the window, not a filter, is why.
    act(() => useWatchfloor.getState().setAsOf({ mode: 'today' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Window' }), { target: { value: '7' } })
    expect(await screen.findByTestId('gauges-empty')).toHaveTextContent(/No region has events in .*Choose a longer window\./)
  })

  it('filters the dashboard by a gauge region from its detail', async () => {
    loadEvents([SEED_EVENT, { id: 'fr', title: 'Paris event', date: '2025-11-01', threatLevel: 4, countries: ['FR'] }])
    render(
      <>
        <Header />
        <GaugesPanel />
      </>,
    )
    expect(screen.getByTestId('event-count')).toHaveTextContent('2')
    expect(gauge('western-europe')).toHaveAttribute('data-level', '4')
    fireEvent.click(gauge('asia'))
    fireEvent.click(await screen.findByTestId('gauge-filter-region'))
    expect(screen.getByTestId('event-count')).toHaveTextContent('1')
    // A region filter narrows the gauges as it narrows every panel: Western Europe leaves.
    expect(screen.getAllByTestId('gauge').map((g) => g.getAttribute('data-region'))).not.toContain('western-europe')
    expect(gauge('asia')).toBeInTheDocument()
  })
})
