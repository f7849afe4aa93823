import { fireEvent, render, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { LevelToggles } from '../../src/features/filters/components/level-toggles.tsx'
import { loadEvents, SEED_EVENT } from './load-store.ts'

const EVENTS = [
  SEED_EVENT,
  { id: 'inv', title: 'Russia invades Ukraine', date: '2022-02-24', threatLevel: 5, countries: ['UA', 'RU'] },
  {
    id: 'hostile',
    title: '<img src=x onerror="window.__pwned=1">',
    date: '2024',
    threatLevel: 2,
    countries: ['FR'],
    sources: [
      { name: 'javascript link', url: 'javascript:alert(1)' },
      { name: 'Real outlet', url: 'https://example.org/story' },
    ],
  },
]

describe('events panel', () => {
  beforeEach(() => loadEvents(EVENTS))

  it('lists every event newest first with its level and date at its own precision', async () => {
    render(<EventsPanel />)
    const rows = await screen.findAllByTestId('event-row')
    expect(rows.map((r) => within(r).getByText(/./, { selector: '.event-row__title' }).textContent)).toEqual([
      SEED_EVENT.title,
      '<img src=x onerror="window.__pwned=1">',
      'Russia invades Ukraine',
    ])
    expect(within(rows[1]!).getByText('2024')).toBeInTheDocument()
    expect(within(rows[2]!).getByText('24 Feb 2022')).toBeInTheDocument()
  })

  it('opens the detail with actors, quote and source when an event is clicked', async () => {
    render(<EventsPanel />)
    fireEvent.click((await screen.findAllByTestId('event-row'))[0]!)
    const detail = await screen.findByTestId('event-detail')
    expect(within(detail).getByRole('heading', { name: SEED_EVENT.title })).toBeInTheDocument()
    expect(within(detail).getByText('Mikhail Mishustin')).toBeInTheDocument()
    expect(within(detail).getByText(/forged ahead this year/)).toBeInTheDocument()
    expect(within(detail).getByText('China News')).toBeInTheDocument()
    expect(within(detail).getByText('source level: medium')).toBeInTheDocument()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('event-detail')).toBeNull()
  })

  it('shows hostile text as text and links only http(s) sources', async () => {
    render(<EventsPanel />)
    fireEvent.click((await screen.findAllByTestId('event-row'))[1]!)
    const detail = await screen.findByTestId('event-detail')
    expect(detail.querySelector('img')).toBeNull()
    expect(within(detail).getByText('javascript link').closest('a')).toBeNull()
    const link = within(detail).getByText('Real outlet').closest('a')!
    expect(link).toHaveAttribute('href', 'https://example.org/story')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
  })

  it('says where an event happened and, apart, who else took part', async () => {
    loadEvents([
      { id: 'truce', title: 'Gaza ceasefire', date: '2025-10-10', threatLevel: 3, countries: ['IL', 'PS'], involvedCountries: ['EG', 'US'] },
    ])
    render(<EventsPanel />)
    fireEvent.click(await screen.findByTestId('event-row'))
    const detail = await screen.findByTestId('event-detail')
    const where = within(detail).getByRole('heading', { name: 'Where' }).parentElement!
    expect(where).toHaveTextContent('Israel · Palestine')
    expect(where).not.toHaveTextContent('Egypt')
    const involved = within(detail).getByRole('heading', { name: 'Also involved' }).parentElement!
    expect(involved).toHaveTextContent('Egypt · United States — not counted as where it happened')
  })
})

describe('level toggles and the event count', () => {
  beforeEach(() => loadEvents(EVENTS))

  it('narrows the count to the chosen level and back', async () => {
    render(
      <>
        <Header />
        <LevelToggles />
        <EventsPanel />
      </>,
    )
    const count = screen.getByTestId('event-count')
    expect(count).toHaveTextContent('3')
    expect(screen.getByTestId('filter-level-5')).toHaveTextContent('1')
    fireEvent.click(screen.getByTestId('filter-level-5'))
    expect(count).toHaveTextContent('1')
    expect(screen.getByTestId('filter-level-5')).toHaveAttribute('aria-pressed', 'true')
    expect(await screen.findAllByTestId('event-row')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('filter-level-3'))
    expect(count).toHaveTextContent('2')
    fireEvent.click(screen.getByTestId('filter-level-5'))
    fireEvent.click(screen.getByTestId('filter-level-3'))
    expect(count).toHaveTextContent('3')
  })

  it('says nothing matches, and offers to clear, when the filters exclude everything', async () => {
    render(
      <>
        <LevelToggles />
        <EventsPanel />
      </>,
    )
    fireEvent.click(screen.getByTestId('filter-level-1'))
    expect(screen.getByText('Nothing matches the filters')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(await screen.findAllByTestId('event-row')).toHaveLength(3)
  })
})
