import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { loadEvents } from './load-store.ts'

// 200 events, one a day from 1 January 2025: newest first, row i of the list is "Event 199 − i".
const EVENTS = Array.from({ length: 200 }, (_, i) => ({
  id: `e${i}`,
  title: `Event ${i}`,
  date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
  threatLevel: 1 + (i % 5),
  countries: ['FR'],
}))

const titles = (): string[] => screen.queryAllByTestId('event-row').map((r) => r.querySelector('.event-row__title')!.textContent!)

describe('events list window', () => {
  beforeEach(() => loadEvents(EVENTS))

  it('renders the rows in view plus eight on each side, in a box as tall as every row', async () => {
    render(<EventsPanel />)
    // The test setup gives every element a 600 px height: rows 0–11 of 52 px are in view, 8 more below.
    await waitFor(() => expect(titles()).toHaveLength(20))
    expect(titles()[0]).toBe('Event 199')
    expect(titles()[19]).toBe('Event 180')
    const list = screen.getByRole('list', { name: 'Matching events' })
    expect((list.firstElementChild as HTMLElement).style.height).toBe(`${200 * 52}px`)
  })

  it('follows scrolling: rows 92–119 at 5200 px, each placed at its index × 52 px', async () => {
    render(<EventsPanel />)
    const list = screen.getByRole('list', { name: 'Matching events' })
    list.scrollTop = 5200
    fireEvent.scroll(list)
    // In view: rows 100 (5200 px) to 111 (5772–5824 px, under the bottom edge at 5800 px); 8 more each side.
    await waitFor(() => expect(titles()).toHaveLength(28))
    const shown = titles()
    expect(shown[0]).toBe(`Event ${199 - 92}`)
    expect(shown[27]).toBe(`Event ${199 - 119}`)
    const first = (await screen.findAllByTestId('event-row'))[0]!.parentElement!
    expect(first.style.transform).toBe(`translateY(${92 * 52}px)`)
  })
})
