import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

const ev = (id: string, actors: string[], threatLevel: number): object => ({
  id,
  title: `Event ${id}`,
  date: '2025-03-01',
  threatLevel,
  countries: ['UA'],
  actors: actors.map((name) => ({ name, type: 'organization' })),
})

function suggestions(): string[] {
  return [...document.querySelectorAll('#actor-options option')].map((o) => o.getAttribute('value') ?? '')
}

describe('actor picker', () => {
  it('suggests the actors of the matching events, busiest first, while the field has focus', () => {
    loadEvents([ev('a', ['Navy', 'Coast guard'], 2), ev('b', ['Navy'], 4), ev('c', ['Militia'], 4), ev('d', ['Navy', 'Militia'], 1)])
    render(<FilterBar />)
    const input = screen.getByPlaceholderText('Add actor…')
    // Not made until asked for: a filter change does not rebuild them.
    expect(suggestions()).toEqual([])
    fireEvent.focus(input)
    expect(suggestions()).toEqual(['Navy', 'Militia', 'Coast guard'])
    // They follow the filters while the field is in use: level 4 alone has Navy once and Militia once.
    act(() => useWatchfloor.getState().toggleLevel(4))
    expect(suggestions().sort()).toEqual(['Militia', 'Navy'])
    fireEvent.blur(input)
    expect(suggestions()).toEqual([])
  })

  it('adds a typed actor on Enter, matching its case', () => {
    loadEvents([ev('a', ['Navy'], 2)])
    render(<FilterBar />)
    const input = screen.getByPlaceholderText('Add actor…')
    fireEvent.focus(input)
    fireEvent.change(input, { target: { value: 'navy' } })
    fireEvent.submit(input.closest('form')!)
    expect(useWatchfloor.getState().filter.actors).toEqual(['Navy'])
  })
})

describe('region picker', () => {
  it('lists the regions with matching events by name, with their counts, following the filters', () => {
    const at = (id: string, countries: string[], threatLevel: number): object => ({ id, title: id, date: '2025-03-01', threatLevel, countries })
    loadEvents([at('a', ['UA'], 4), at('b', ['ML'], 2), at('c', ['ML'], 4), at('d', ['CN'], 2)])
    render(<FilterBar />)
    const options = (): string[] => [...screen.getByRole('combobox', { name: 'Region' }).querySelectorAll('option')].slice(1).map((o) => o.textContent ?? '')
    const all = options()
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b)))
    expect(all).toContain('Sahel (2)')
    expect(all).toContain('Eastern Europe (1)')
    expect(all).toContain('Eastern Asia (1)')
    act(() => useWatchfloor.getState().toggleLevel(4))
    const critical = options()
    expect(critical).toContain('Sahel (1)')
    expect(critical).toContain('Eastern Europe (1)')
    expect(critical.some((o) => o.startsWith('Eastern Asia'))).toBe(false)
    expect(critical).toEqual([...critical].sort((a, b) => a.localeCompare(b)))
  })
})

describe('active filter chips', () => {
  it('names a known region and country, and marks an id that names nothing (from a mistyped link)', () => {
    loadEvents([ev('a', ['Navy'], 2)])
    act(() => useWatchfloor.getState().setFilter({ ...useWatchfloor.getState().filter, regions: ['eastern-europe', 'nowhere'], countries: ['UA', 'ZZ'] }))
    render(<FilterBar />)
    const chips = screen.getByRole('list', { name: 'Active filters' })
    const texts = [...chips.querySelectorAll('li > span')].map((s) => s.textContent)
    expect(texts).toEqual(['Eastern Europe', 'nowhere (unknown region)', 'Ukraine', 'ZZ (unknown country)'])
    expect(chips.querySelectorAll('.chip--unknown')).toHaveLength(2)
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter nowhere (unknown region)' }))
    expect(useWatchfloor.getState().filter.regions).toEqual(['eastern-europe'])
  })
})

describe('actor picker while a warehouse brings the actors later', () => {
  it('is busy, keeps a name typed meanwhile, and adds it once the actors have come', () => {
    loadEvents([ev('a', ['Navy'], 2), ev('b', ['Militia'], 4)])
    const whole = useWatchfloor.getState().views
    // An early answer to a search: the actor facet is still being asked.
    act(() => useWatchfloor.setState({ views: { ...whole, actors: { values: [], counts: new Uint32Array(0), maxLevel: new Uint8Array(0) }, actorsPending: true } }))
    render(<FilterBar />)
    const input = screen.getByPlaceholderText('Add actor…')
    expect(input.getAttribute('aria-busy')).toBe('true')
    fireEvent.focus(input)
    expect(suggestions()).toEqual([])
    fireEvent.change(input, { target: { value: 'navy' } })
    fireEvent.submit(input.closest('form')!)
    // Not known yet: nothing added, and the name stays in the field.
    expect(useWatchfloor.getState().filter.actors).toEqual([])
    expect((input as HTMLInputElement).value).toBe('navy')
    // The later part: the whole answer with its actors.
    act(() => useWatchfloor.setState({ views: whole }))
    expect(input.getAttribute('aria-busy')).toBeNull()
    expect(suggestions().sort()).toEqual(['Militia', 'Navy'])
    fireEvent.submit(input.closest('form')!)
    expect(useWatchfloor.getState().filter.actors).toEqual(['Navy'])
    expect((input as HTMLInputElement).value).toBe('')
  })
})
