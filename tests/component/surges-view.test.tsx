import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SurgesView } from '../../src/features/gauges/components/surges-view.tsx'
import { computeWarning } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

// The worked example of docs/early-warning.md in France (4, 6, 5, … then 14), Germany quiet.
const FRANCE = [4, 6, 5, 3, 5, 4, 6, 5, 4, 7, 5, 6, 14]
const day = (week: number, i: number): string => new Date(Date.UTC(2025, 0, 6 + week * 7 + (i % 7))).toISOString().slice(0, 10)
const EVENTS = FRANCE.flatMap((n, week) => [
  ...Array.from({ length: n }, (_, i) => ({ id: `fr-${week}-${i}`, title: `Protest ${week}-${i} in Lyon`, date: day(week, i), threatLevel: week === 12 && i === 0 ? 5 : 2, countries: ['FR'] })),
  { id: `de-${week}`, title: `Meeting ${week} in Berlin`, date: day(week, 1), threatLevel: 1, countries: ['DE'] },
])
const AS_OF = Date.UTC(2025, 3, 7)

function ready(): void {
  act(() => {
    const s = useWatchfloor.getState()
    const result = computeWarning(s.table, AS_OF, DEFAULT_WARNING_SETTINGS, [{ kind: 'country', place: 'FR' }])
    s.setWarning({ status: 'ready', dataToken: s.dataToken, result })
  })
}

describe('Surges tab', () => {
  it('shows progress while the worker computes', () => {
    loadEvents(EVENTS)
    act(() => useWatchfloor.getState().setWarning({ status: 'computing', fraction: 0.4 }))
    render(<SurgesView />)
    expect(screen.getByTestId('surges-progress')).toHaveTextContent('Looking for surges… 40 %')
  })

  it('says why it failed, and keeps the settings at hand', () => {
    loadEvents(EVENTS)
    act(() => useWatchfloor.getState().setWarning({ status: 'failed', reason: 'out of memory' }))
    render(<SurgesView />)
    expect(screen.getByRole('alert')).toHaveTextContent('Early warning could not be computed: out of memory')
    expect(screen.getByTestId('surge-method')).toBeInTheDocument()
  })

  it('lists France’s surge with the worked example’s figures and the events behind it', () => {
    loadEvents(EVENTS)
    ready()
    render(<SurgesView />)
    expect(screen.getByTestId('surges-summary')).toHaveTextContent(/^Week of 31 Mar 2025 \(the last complete week at the as-of date\): \d+ surges? among \d+ places judged\.$/)
    const row = screen.getAllByTestId('surge').find((r) => r.dataset.place === 'FR' && r.dataset.kind === 'country')!
    expect(within(row).getByText('France')).toBeInTheDocument()
    expect(within(row).getByTestId('surge-counts')).toHaveTextContent('14 events, 5 expected')
    expect(within(row).getByText('p = 0.0012')).toBeInTheDocument()
    expect(within(row).getByRole('img', { name: /Weekly events over the last 26 weeks/ })).toBeInTheDocument()
    expect(screen.getAllByTestId('surge').some((r) => r.dataset.place === 'DE')).toBe(false)
    fireEvent.click(within(row).getByRole('button', { name: 'Why' }))
    expect(within(row).getByText(/^14 events from 31 Mar 2025 to 6 Apr 2025/)).toBeInTheDocument()
    const events = within(row).getAllByRole('button', { name: /Protest 12-/ })
    expect(events).toHaveLength(8)
    // The level-5 event first.
    expect(events[0]).toHaveTextContent('Protest 12-0 in Lyon')
    fireEvent.click(events[0]!)
    expect(useWatchfloor.getState().selectedRow).not.toBeNull()
  })

  it('lists only the kind of place asked for, and says so when none', () => {
    loadEvents(EVENTS)
    ready()
    render(<SurgesView />)
    fireEvent.change(screen.getByTestId('surge-kind'), { target: { value: 'actor' } })
    expect(screen.queryAllByTestId('surge')).toHaveLength(0)
    expect(screen.getByTestId('surges-empty')).toHaveTextContent('No actor stands out against its own history this week.')
  })

  it('shows the expected band of all events and of the watched place', () => {
    loadEvents(EVENTS)
    ready()
    render(<SurgesView />)
    const bands = screen.getAllByTestId('surge-band')
    expect(bands.map((b) => b.dataset.place)).toEqual(['all', 'FR'])
    expect(within(bands[1]!).getByRole('rowheader')).toHaveTextContent('France')
    expect(within(bands[1]!).getAllByRole('cell')).toHaveLength(4)
  })

  it('changing the method updates the settings the worker runs with', () => {
    loadEvents(EVENTS)
    ready()
    render(<SurgesView />)
    fireEvent.change(screen.getByTestId('surge-method'), { target: { value: 'acled' } })
    expect(useWatchfloor.getState().warningSettings.method).toBe('acled')
    act(() => useWatchfloor.getState().setWarningSettings({ method: 'stat' }))
  })
})
