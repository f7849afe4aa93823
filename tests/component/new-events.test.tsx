import { act, render, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

const EVENTS = [
  { id: 'old-1', title: 'Old border incident', date: '2025-03-01', threatLevel: 3, countries: ['EE'] },
  { id: 'new-1', title: 'Drone sighting over Vilnius', date: '2025-03-04', threatLevel: 3, countries: ['LT'] },
  { id: 'old-2', title: 'Old port strike', date: '2025-03-02', threatLevel: 2, countries: ['PL'] },
  { id: 'new-2', title: 'Naval standoff off Tallinn', date: '2025-03-05', threatLevel: 4, countries: ['EE'] },
]

/** Marks ids as brought by the latest refresh, as the live source does after committing its data. */
function markNew(ids: readonly string[]): void {
  act(() => {
    const s = useWatchfloor.getState()
    s.setCurrentIds(Array.from({ length: s.table.size }, (_, row) => s.table.eventAt(row).id))
    s.setNewIds(new Set(ids))
  })
}

function titlesOf(rows: HTMLElement[]): string[] {
  return rows.map((r) => r.querySelector('.event-row__title')!.textContent!)
}

describe('events a refresh brought', () => {
  beforeEach(() => loadEvents(EVENTS))

  it('carries a "New" badge in words on exactly those rows', async () => {
    markNew(['new-1', 'new-2'])
    render(<EventsPanel />)
    const rows = await screen.findAllByTestId('event-row')
    expect(titlesOf(rows)).toEqual(['NewNaval standoff off Tallinn', 'NewDrone sighting over Vilnius', 'Old port strike', 'Old border incident'])
    expect(screen.getAllByTestId('event-new').map((b) => b.textContent)).toEqual(['New', 'New'])
    expect(rows.map((r) => r.hasAttribute('data-new'))).toEqual([true, true, false, false])
    // The badge is part of the row's name for screen readers.
    expect(within(rows[0]!).getByText('New')).toBeVisible()
  })

  it('drops the badges when other data comes on screen', async () => {
    markNew(['new-2'])
    render(<EventsPanel />)
    expect(await screen.findAllByTestId('event-new')).toHaveLength(1)
    act(() => useWatchfloor.getState().setCurrentIds(['old-1', 'new-1', 'old-2', 'new-2']))
    expect(screen.queryAllByTestId('event-new')).toHaveLength(0)
  })

  it('rings them on the timeline: a lane mark and a high-level marker each, named "New"', () => {
    markNew(['new-1', 'new-2'])
    render(<TimelinePanel />)
    const laneMarks = screen.getAllByTestId('timeline-lane-mark')
    expect(laneMarks).toHaveLength(4)
    const fresh = laneMarks.filter((m) => m.getAttribute('data-new') === 'true')
    expect(fresh.map((m) => m.getAttribute('aria-label')!.split(' — ')[0]).sort()).toEqual(['New: Drone sighting over Vilnius', 'New: Naval standoff off Tallinn'])
    expect(fresh.every((m) => m.querySelector('.timeline-mark__new') !== null)).toBe(true)
    // Level 4 and up get a marker over the chart: only the Tallinn standoff, which is new.
    const markers = screen.getAllByTestId('timeline-marker')
    expect(markers.map((m) => m.getAttribute('data-new'))).toEqual(['true'])
  })

  it('marks nothing when no event is new', () => {
    markNew([])
    render(<EventsPanel />)
    expect(screen.queryAllByTestId('event-new')).toHaveLength(0)
  })
})
