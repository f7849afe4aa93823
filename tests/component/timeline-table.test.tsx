import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { loadEvents } from './load-store.ts'

const ev = (id: string, date: string, threatLevel: number): object => ({ id, title: `Event ${id}`, date, threatLevel, countries: ['UA'] })

describe('timeline panel: the table view (text alternative)', () => {
  it('lists the months that hold events with their counts per level', async () => {
    loadEvents([ev('a', '2016-01-05', 3), ev('b', '2018-07-14', 4), ev('c', '2018-07-20', 4), ev('d', '2020-12-31', 2), ev('e', '2020-12-02', 5)])
    render(<TimelinePanel />)
    expect(screen.queryByTestId('timeline-table')).toBeNull()
    const toggle = screen.getByTestId('timeline-table-toggle')
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    fireEvent.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    // The table view loads when first shown.
    const table = within(await screen.findByTestId('timeline-table'))
    expect(table.getByRole('table')).toHaveAccessibleName(/Events per month by threat level, 3 months with events/)
    const rows = screen.getAllByTestId('timeline-table-row').map((r) => [...r.children].map((c) => c.textContent))
    expect(rows).toEqual([
      ['Jan 2016', '–', '–', '1', '–', '–', '1'],
      ['Jul 2018', '–', '–', '–', '2', '–', '2'],
      ['Dec 2020', '–', '1', '–', '–', '1', '2'],
    ])
    fireEvent.click(toggle)
    expect(screen.queryByTestId('timeline-table')).toBeNull()
  })

  it('shows the share of a month-precise event spread over the days of a 90-day view', async () => {
    loadEvents([ev('a', '2024-03', 4), ev('b', '2024-05-20', 2)])
    render(<TimelinePanel />)
    fireEvent.click(screen.getByTestId('timeline-table-toggle'))
    const caption = (await screen.findByTestId('timeline-table')).querySelector('caption')!
    expect(caption.textContent).toMatch(/spread over their span/)
    const rows = screen.getAllByTestId('timeline-table-row').map((r) => [...r.children].map((c) => c.textContent))
    // 90 days from 1 Mar: March's one level-4 event is spread over its 31 days, 1/31 ≈ 0.03 a day.
    expect(rows).toHaveLength(32)
    expect(rows[0]).toEqual(['1 Mar 2024', '–', '–', '–', '0.03', '–', '0.03'])
    expect(rows[30]).toEqual(['31 Mar 2024', '–', '–', '–', '0.03', '–', '0.03'])
    expect(rows[31]).toEqual(['20 May 2024', '–', '1', '–', '–', '–', '1'])
  })
})

describe('timeline panel: one Tab stop for the event marks', () => {
  it('leaves one mark in the Tab order and moves between marks with the arrow keys', async () => {
    loadEvents([ev('a', '2016-01-05', 4), ev('b', '2018-07-14', 5), ev('c', '2020-12-31', 4), ev('d', '2019-03-01', 2)])
    render(<TimelinePanel />)
    const panel = screen.getByTestId('panel-timeline')
    await waitFor(() => expect(panel.querySelectorAll('.timeline-mark[tabindex="0"]')).toHaveLength(1))
    const marks = [...panel.querySelectorAll<SVGGElement>('.timeline-mark')]
    expect(marks.length).toBeGreaterThanOrEqual(4)
    expect(marks[0]).toHaveAttribute('tabindex', '0')
    marks[0]!.focus()
    fireEvent.keyDown(marks[0]!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(marks[1])
    // The mark that had focus last is the one Tab comes back to.
    expect(marks[1]).toHaveAttribute('tabindex', '0')
    expect(marks[0]).toHaveAttribute('tabindex', '-1')
    fireEvent.keyDown(marks[1]!, { key: 'End' })
    expect(document.activeElement).toBe(marks[marks.length - 1])
    fireEvent.keyDown(marks[marks.length - 1]!, { key: 'Home' })
    expect(document.activeElement).toBe(marks[0])
    fireEvent.keyDown(marks[0]!, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(marks[0])
    expect(panel.querySelectorAll('.timeline-mark[tabindex="0"]')).toHaveLength(1)
  })
})
