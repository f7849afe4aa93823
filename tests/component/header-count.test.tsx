import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { loadEvents } from './load-store.ts'

describe('header', () => {
  it('writes the matching count with thousands separators, as it writes the total', () => {
    const events = Array.from({ length: 1200 }, (_, i) => ({ id: `e${i}`, title: `Event ${i}`, date: '2025-01-10', threatLevel: 3, countries: ['FR'] }))
    loadEvents(events)
    render(<Header />)
    expect(screen.getByTestId('event-count')).toHaveTextContent('1,200')
    expect(screen.getByTestId('as-of')).toHaveTextContent('As of 10 Jan 2025 (latest in the data, UTC)')
  })
})
