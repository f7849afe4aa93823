import { act, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/app/App.tsx'
import { loadInitialData } from '../../src/app/load-data.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { parseUrlState } from '../../src/state/url-state.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

describe('the load banner', () => {
  it('shows a progress bar named by the message while a load knows its progress', () => {
    loadEvents([])
    render(<App />)
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'loading', message: 'Generating 1,000,000 events…', progress: 0.4 }))
    const bar = screen.getByRole('progressbar', { name: 'Generating 1,000,000 events…' })
    expect(bar).toHaveAttribute('value', '0.4')
    expect(bar).toHaveAttribute('max', '1')
    expect(screen.getByTestId('load-status')).toHaveAttribute('role', 'status')
    expect(screen.getByTestId('load-status')).toHaveTextContent('Generating 1,000,000 events…')
    // A load that does not know its progress has the message and no bar.
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'loading', message: 'Loading the sample dataset…' }))
    expect(screen.getByTestId('load-status')).toHaveTextContent('Loading the sample dataset…')
    expect(screen.queryByRole('progressbar')).toBeNull()
    act(() => useWatchfloor.getState().setLoadStatus({ kind: 'ready' }))
    expect(screen.queryByTestId('load-status')).toBeNull()
  })
})

describe('?synthetic=N without a Worker (jsdom)', () => {
  it('generates on the main thread: the same table as the generator, named with its seed', async () => {
    expect(typeof Worker).toBe('undefined')
    await act(() => loadInitialData(parseUrlState('?synthetic=3000&seed=7')))
    await waitFor(() => expect(useWatchfloor.getState().load.kind).toBe('ready'))
    const { table, meta } = useWatchfloor.getState()
    const direct = generateSyntheticTable({ size: 3000, seed: 7 })
    expect(table.size).toBe(3000)
    expect([...table.level]).toEqual([...direct.level])
    expect([...table.startMs]).toEqual([...direct.startMs])
    expect(table.titles).toEqual(direct.titles)
    expect(table.eventAt(1234)).toEqual(direct.eventAt(1234))
    expect(meta?.name).toBe('Synthetic: 3,000 events (seed 7)')
  })
})
