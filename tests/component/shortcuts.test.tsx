import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../src/app/App.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

describe('keyboard shortcuts', () => {
  beforeEach(() =>
    loadEvents([
      SEED_EVENT,
      { id: 'b', title: 'Second event', date: '2025-10-01', threatLevel: 4, countries: ['UA'] },
      { id: 'c', title: 'Third event', date: '2025-09-01', threatLevel: 2, countries: ['FR'] },
    ]),
  )

  it('opens and closes the help with ?, focuses search with /, walks events with j and k', async () => {
    render(<App />)
    fireEvent.keyDown(window, { key: '?' })
    // The help loads when first opened: its chunk's first transform may take seconds on a busy machine.
    const help = await screen.findByTestId('help-overlay', {}, { timeout: 10_000 })
    expect(help).toHaveTextContent('Clear all filters')
    // The dialog takes focus (and its keys) once it has mounted, which a lazily loaded one may do a tick after it shows.
    await waitFor(() => expect(help.contains(document.activeElement)).toBe(true))
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('help-overlay')).toBeNull()

    fireEvent.keyDown(document.body, { key: '/' })
    expect(document.activeElement).toBe(screen.getByTestId('filter-text'))
    // Typing in the search box is not a shortcut.
    fireEvent.keyDown(screen.getByTestId('filter-text'), { key: 'j' })
    expect(useWatchfloor.getState().selectedRow).toBeNull()
    ;(document.activeElement as HTMLElement).blur()

    fireEvent.keyDown(document.body, { key: 'j' })
    expect(await screen.findByTestId('event-detail', {}, { timeout: 10_000 })).toHaveTextContent(SEED_EVENT.title)
    fireEvent.keyDown(document.body, { key: 'j' })
    expect(await screen.findByTestId('event-detail')).toHaveTextContent('Second event')
    fireEvent.keyDown(document.body, { key: 'k' })
    expect(await screen.findByTestId('event-detail')).toHaveTextContent(SEED_EVENT.title)
  }, 30_000)

  it('clears all filters with Shift+C', () => {
    render(<App />)
    fireEvent.click(screen.getByTestId('filter-level-4'))
    expect(screen.getByTestId('event-count')).toHaveTextContent('1')
    fireEvent.keyDown(document.body, { key: 'C', shiftKey: true })
    expect(screen.getByTestId('event-count')).toHaveTextContent('3')
  })
})

describe('export shortcut', () => {
  beforeEach(() => {
    loadEvents([SEED_EVENT, { id: 'b', title: 'Second event', date: '2025-10-01', threatLevel: 4, countries: ['UA'] }])
    useWatchfloor.getState().closeExport()
  })

  it('exports the panel that holds focus with e, and the whole dashboard when no panel does', async () => {
    render(<App />)
    fireEvent.keyDown(document.body, { key: 'e' })
    expect(useWatchfloor.getState().exportTarget).toBe('dashboard')
    useWatchfloor.getState().closeExport()
    const row = (await screen.findAllByTestId('event-row'))[0]!
    row.focus()
    fireEvent.keyDown(row, { key: 'e' })
    expect(useWatchfloor.getState().exportTarget).toBe('events')
    useWatchfloor.getState().closeExport()
    const toggle = screen.getByTestId('timeline-lanes-actor')
    toggle.focus()
    fireEvent.keyDown(toggle, { key: 'e' })
    expect(useWatchfloor.getState().exportTarget).toBe('timeline')
    useWatchfloor.getState().closeExport()
    // Typing an "e" in the search box is text, not a shortcut.
    const search = screen.getByTestId('filter-text')
    search.focus()
    fireEvent.keyDown(search, { key: 'e' })
    expect(useWatchfloor.getState().exportTarget).toBeNull()
  })

  it('exports a maximised panel with e when focus is outside every panel', () => {
    render(<App />)
    fireEvent.click(screen.getByTestId('maximise-map'))
    expect(screen.getByTestId('panel-map')).toHaveAttribute('data-maximised', 'true')
    ;(document.activeElement as HTMLElement).blur()
    fireEvent.keyDown(document.body, { key: 'e' })
    expect(useWatchfloor.getState().exportTarget).toBe('map')
    useWatchfloor.getState().closeExport()
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(screen.getByTestId('panel-map')).not.toHaveAttribute('data-maximised')
  })
})
