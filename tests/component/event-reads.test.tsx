import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventRef } from '../../src/domain/engine/views-engine.ts'
import type { ThreatEvent } from '../../src/domain/model.ts'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

// Newest first, the list's rows 0–2 are the seed event (2025), the strike (2024) and the talks (2023).
const EVENTS = [
  SEED_EVENT,
  { id: 'strike', title: 'Strike on a port', date: '2024-05-01', threatLevel: 4, countries: ['UA'] },
  { id: 'talks', title: 'Talks in Geneva', date: '2023-03-01', threatLevel: 2, countries: ['CH'] },
]

interface HeldRead {
  readonly refs: readonly EventRef[]
  /** Lets the read answer, with the events the engine gives. */
  release(): Promise<void>
  fail(message: string): Promise<void>
}

/** Holds every read of events' text until the test lets it answer, in whatever order. */
function holdReads(): HeldRead[] {
  const real = useWatchfloor.getState().fetchEvents
  const held: HeldRead[] = []
  useWatchfloor.setState({
    fetchEvents: (refs, signal) =>
      new Promise<ThreatEvent[]>((resolve, reject) => {
        held.push({
          refs,
          release: () => act(async () => resolve(await real(refs, signal))),
          fail: (message) => act(async () => reject(new Error(message))),
        })
      }),
  })
  return held
}

const realFetch = useWatchfloor.getState().fetchEvents
const selectRow = (row: EventRef): void => act(() => useWatchfloor.getState().selectRow(row))

describe('events read when shown', () => {
  let held: HeldRead[]
  beforeEach(() => {
    loadEvents(EVENTS)
    held = holdReads()
  })
  afterEach(() => useWatchfloor.setState({ fetchEvents: realFetch }))

  it('draws the list window as busy placeholders until its events come, then their titles', async () => {
    render(<EventsPanel />)
    const pending = screen.getAllByTestId('event-row-pending')
    expect(pending).toHaveLength(3)
    expect(pending.every((row) => row.getAttribute('aria-busy') === 'true')).toBe(true)
    expect(screen.queryByTestId('event-row')).toBeNull()
    expect(held.map((r) => r.refs)).toEqual([[0, 1, 2]])
    await held[0]!.release()
    expect(screen.getAllByTestId('event-row').map((r) => r.querySelector('.event-row__title')!.textContent)).toEqual([SEED_EVENT.title, 'Strike on a port', 'Talks in Geneva'])
    expect(screen.queryByTestId('event-row-pending')).toBeNull()
  })

  it('opens the detail busy, says it is reading the event, then shows it', async () => {
    render(<EventsPanel />)
    await held[0]!.release()
    fireEvent.click(screen.getAllByTestId('event-row')[1]!)
    const busy = screen.getByTestId('event-detail-busy')
    expect(busy).toHaveAttribute('aria-busy', 'true')
    expect(within(busy).getByRole('status')).toHaveTextContent('Reading the event…')
    expect(held[1]!.refs).toEqual([1])
    await held[1]!.release()
    const detail = await screen.findByTestId('event-detail')
    expect(within(detail).getByRole('heading', { name: 'Strike on a port' })).toBeInTheDocument()
    expect(screen.queryByTestId('event-detail-busy')).toBeNull()
  })

  it('never draws the answer for a row the user has moved on from, whichever answers first', async () => {
    render(<EventsPanel />)
    await held[0]!.release()
    selectRow(1)
    selectRow(2)
    const [forStrike, forTalks] = [held[1]!, held[2]!]
    expect([forStrike.refs, forTalks.refs]).toEqual([[1], [2]])
    await forTalks.release()
    expect(within(await screen.findByTestId('event-detail')).getByRole('heading', { name: 'Talks in Geneva' })).toBeInTheDocument()
    // The strike's answer comes last: it is dropped, not drawn over the talks.
    await forStrike.release()
    expect(within(screen.getByTestId('event-detail')).getByRole('heading', { name: 'Talks in Geneva' })).toBeInTheDocument()
    expect(screen.queryByText('Strike on a port', { selector: 'h3' })).toBeNull()
  })

  it('says so when the event cannot be read, and closes', async () => {
    render(<EventsPanel />)
    await held[0]!.release()
    selectRow(0)
    await held[1]!.fail('the import worker stopped')
    expect(screen.getByRole('alert')).toHaveTextContent('The event could not be read: the import worker stopped')
    fireEvent.click(screen.getByRole('button', { name: 'Close event detail' }))
    expect(screen.queryByTestId('event-detail-missing')).toBeNull()
    expect(useWatchfloor.getState().selectedRow).toBeNull()
  })

  it("reads a gauge's contributing events when its detail opens, busy until they come", async () => {
    render(<GaugesPanel />)
    fireEvent.click(screen.getAllByTestId('gauge').find((g) => g.dataset.region === 'eastern-europe')!)
    const detail = await screen.findByTestId('gauge-detail')
    expect(within(detail).getByRole('status')).toHaveTextContent('Reading the events…')
    expect(within(detail).queryByText(SEED_EVENT.title)).toBeNull()
    await held.at(-1)!.release()
    expect(within(detail).getByRole('button', { name: SEED_EVENT.title })).toBeInTheDocument()
    expect(within(detail).getByText('100.0 %')).toBeInTheDocument()
    expect(within(detail).queryByRole('status')).toBeNull()
  })
})
