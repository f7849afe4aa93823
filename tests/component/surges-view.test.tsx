import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useEarlyWarning } from '../../src/app/use-early-warning.ts'
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

  it('lists France’s surge with the worked example’s figures and the events behind it', async () => {
    loadEvents(EVENTS)
    ready()
    render(<SurgesView />)
    expect(screen.getByTestId('surges-summary')).toHaveTextContent(
      /^Week of 31 Mar 2025 \(the last complete week at the as-of date\): \d+ surges? among \d+ places judged \(false discovery rate 0\.01\)\.$/,
    )
    const row = screen.getAllByTestId('surge').find((r) => r.dataset.place === 'FR' && r.dataset.kind === 'country')!
    expect(within(row).getByText('France')).toBeInTheDocument()
    expect(within(row).getByTestId('surge-counts')).toHaveTextContent('14 events, 5 expected')
    expect(within(row).getByText('p = 0.0012')).toBeInTheDocument()
    expect(within(row).getByRole('img', { name: /Weekly events over the last 26 weeks/ })).toBeInTheDocument()
    expect(screen.getAllByTestId('surge').some((r) => r.dataset.place === 'DE')).toBe(false)
    fireEvent.click(within(row).getByRole('button', { name: 'Why' }))
    expect(await within(row).findByText(/^14 events from 31 Mar 2025 to 6 Apr 2025/)).toBeInTheDocument()
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
    act(() => useWatchfloor.getState().addWatchItem({ id: 'country:FR', kind: 'country', value: 'FR', label: 'France', thresholdLevel: 5, risePoints: null, muted: false }))
    ready()
    render(<SurgesView />)
    const bands = screen.getAllByTestId('surge-band')
    expect(bands.map((b) => b.dataset.place)).toEqual(['all', 'FR'])
    expect(within(bands[1]!).getByRole('rowheader')).toHaveTextContent('France')
    expect(within(bands[1]!).getAllByRole('cell')).toHaveLength(4)
    act(() => useWatchfloor.getState().removeWatchItem('country:FR'))
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

/** The Surges tab with early warning running as in the app (computed on this thread in jsdom). */
function LiveSurges() {
  useEarlyWarning()
  return <SurgesView />
}

const flagged = (): string[] => screen.queryAllByTestId('surge').map((r) => `${r.dataset.kind}:${r.dataset.place}`)

describe('Surges tab settings', () => {
  afterEach(() => act(() => useWatchfloor.getState().setWarningSettings({ method: 'stat', falseDiscoveryRate: 0.01, acledRatio: 2 })))

  it('recomputes with the false discovery rate typed: France’s p = 0.0012 is not flagged at q = 0.001', async () => {
    loadEvents(EVENTS)
    act(() => useWatchfloor.getState().setAsOf({ mode: 'fixed', ms: AS_OF }))
    render(<LiveSurges />)
    await screen.findByTestId('surges', undefined, { timeout: 10_000 })
    expect(flagged()).toContain('country:FR')
    const fdr = screen.getByTestId('surge-fdr')
    expect(fdr).toHaveValue(0.01)
    expect(screen.getByText('False discovery rate')).toBeInTheDocument()
    // Out of range: said so, the last valid value stays in force.
    fireEvent.change(fdr, { target: { value: '0.9' } })
    expect(screen.getByRole('alert')).toHaveTextContent('From 0.001 to 0.5; 0.01 stays in force.')
    expect(useWatchfloor.getState().warningSettings.falseDiscoveryRate).toBe(0.01)
    fireEvent.change(fdr, { target: { value: '0.001' } })
    expect(useWatchfloor.getState().warningSettings.falseDiscoveryRate).toBe(0.001)
    await screen.findByTestId('surges-progress')
    await screen.findByTestId('surges', undefined, { timeout: 10_000 })
    expect(screen.getByTestId('surges-summary')).toHaveTextContent('(false discovery rate 0.001)')
    expect(flagged()).not.toContain('country:FR')
    fireEvent.click(screen.getByTestId('surge-defaults'))
    expect(useWatchfloor.getState().warningSettings.falseDiscoveryRate).toBe(0.01)
    await screen.findByTestId('surges-progress')
    await screen.findByTestId('surges', undefined, { timeout: 10_000 })
    expect(flagged()).toContain('country:FR')
  }, 30_000)

  it('recomputes with the rule’s multiple: 14 is more than 2 × but not 3 × France’s 4-week average of 5.5', async () => {
    loadEvents(EVENTS)
    act(() => useWatchfloor.getState().setAsOf({ mode: 'fixed', ms: AS_OF }))
    render(<LiveSurges />)
    fireEvent.change(screen.getByTestId('surge-method'), { target: { value: 'acled' } })
    expect(screen.queryByTestId('surge-fdr')).toBeNull()
    await screen.findByTestId('surges', undefined, { timeout: 10_000 })
    const france = screen.getAllByTestId('surge').find((r) => r.dataset.place === 'FR' && r.dataset.kind === 'country')!
    expect(france).toHaveTextContent('14 > 2 × 4-week average 5.5')
    fireEvent.change(screen.getByTestId('surge-ratio'), { target: { value: '3' } })
    expect(useWatchfloor.getState().warningSettings.acledRatio).toBe(3)
    await screen.findByTestId('surges-progress')
    await screen.findByTestId('surges', undefined, { timeout: 10_000 })
    expect(screen.getByTestId('surges-summary')).toHaveTextContent('(rule: more than 3 × the 4- and 52-week averages)')
    expect(flagged()).not.toContain('country:FR')
  }, 30_000)
})
