import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { handTable } from '../unit/domain/hand-table.ts'
import { withKeptTitles } from '../unit/domain/kept-titles-table.ts'

const ROWS = [
  { title: 'Drone strike near Kharkiv', date: '2024-01-02', level: 4 as const },
  { title: 'Ceasefire talks in Doha', date: '2024-02-03', level: 2 as const },
  { title: 'Port closed at Odesa', date: '2024-03-04', level: 3 as const },
]

afterEach(() => {
  vi.useRealTimers()
  act(() => useWatchfloor.getState().setFilter(EMPTY_FILTER))
})

/** Types into the search field and lets its debounce run. */
function search(text: string): void {
  fireEvent.change(screen.getByTestId('filter-text'), { target: { value: text } })
  act(() => vi.advanceTimersByTime(1_000))
}

describe('the search field over titles kept by a worker', () => {
  it('is busy while the worker searches, then the count follows', async () => {
    vi.useFakeTimers()
    const table = withKeptTitles(handTable(ROWS))
    table.remoteTitles.hold = true
    act(() => useWatchfloor.getState().loadTable(table, { name: 'Imported', customRegions: [] }))
    render(<FilterBar />)
    search('doha')
    expect(screen.getByTestId('filter-text').getAttribute('aria-busy')).toBe('true')
    expect(screen.getByTestId('filter-text-busy').textContent).toContain('searching titles')
    expect(screen.getByTestId('filter-text')).toHaveProperty('value', 'doha')
    expect(useWatchfloor.getState().views.matched).toBe(3)
    await act(async () => {
      table.remoteTitles.release()
      await vi.runAllTimersAsync()
    })
    expect(screen.queryByTestId('filter-text-busy')).toBeNull()
    expect(screen.getByTestId('filter-text').getAttribute('aria-busy')).toBe('false')
    expect(useWatchfloor.getState().views.matched).toBe(1)
  })

  it('says why when the worker cannot search', async () => {
    vi.useFakeTimers()
    const table = withKeptTitles(handTable(ROWS))
    table.remoteTitles.hold = true
    act(() => useWatchfloor.getState().loadTable(table, { name: 'Imported', customRegions: [] }))
    render(<FilterBar />)
    search('port')
    await act(async () => {
      table.remoteTitles.fail("the import's worker stopped")
      await vi.runAllTimersAsync()
    })
    expect(screen.getByRole('alert').textContent).toBe("The titles could not be searched: the import's worker stopped")
    expect(screen.queryByTestId('filter-text-busy')).toBeNull()
    expect(useWatchfloor.getState().views.matched).toBe(3)
  })
})
