import { act, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PANEL_NAMES } from '../../src/domain/panels.ts'
import { FreshnessProvider } from '../../src/app/freshness-provider.tsx'
import { DataFreshness } from '../../src/features/ingest/components/data-freshness.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { DEFAULT_STALE_AFTER_MS } from '../../src/state/workspace-slice.ts'
import { FreshnessContext, type Freshness } from '../../src/ui/freshness-context.tsx'
import { Panel } from '../../src/ui/panel.tsx'
import { Header } from '../../src/app/header.tsx'

const T0 = Date.UTC(2026, 10, 28, 9, 0)

function at(values: Partial<Freshness>): Freshness {
  return { updatedAtMs: T0, nowMs: T0, staleAfterMs: 15 * 60_000, live: false, newCount: 0, ...values }
}

describe('freshness, said once', () => {
  it('says how old the data is in the header, and on no panel', () => {
    const { container } = render(
      <FreshnessContext value={at({ nowMs: T0 + 4 * 60_000 + 59_000 })}>
        <Header />
        {PANEL_NAMES.map((name) => (
          <Panel key={name} name={name} title={name}>
            body
          </Panel>
        ))}
      </FreshnessContext>,
    )
    const badges = screen.getAllByTestId('data-freshness')
    expect(badges).toHaveLength(1)
    expect(container.querySelector('.app-header')).toContainElement(badges[0]!)
    expect(badges[0]).toHaveTextContent(/^updated 4 min ago$/)
    expect(badges[0]).toHaveAttribute('data-stale', 'false')
    expect(badges[0]!.title).toBe('Data loaded 2026-11-28 09:00 UTC')
    expect(screen.getAllByText(/updated .* ago/)).toHaveLength(1)
    for (const name of PANEL_NAMES) expect(within(screen.getByTestId(`panel-${name}`)).queryByText(/updated/)).toBeNull()
  })

  it('says "stale" in words past the threshold, not by colour alone', () => {
    render(
      <FreshnessContext value={at({ nowMs: T0 + 20 * 60_000, live: true })}>
        <DataFreshness />
      </FreshnessContext>,
    )
    const badge = screen.getByTestId('data-freshness')
    expect(badge).toHaveTextContent(/^● updated 20 min ago · stale$/)
    expect(badge).toHaveAttribute('data-stale', 'true')
    expect(badge.title).toBe('Data loaded 2026-11-28 09:00 UTC, refreshing live')
  })

  it('shows nothing when the age of the data is unknown or there is no clock', () => {
    const { unmount } = render(
      <FreshnessContext value={at({ updatedAtMs: null })}>
        <DataFreshness />
      </FreshnessContext>,
    )
    expect(screen.queryByTestId('data-freshness')).toBeNull()
    unmount()
    render(<DataFreshness />)
    expect(screen.queryByTestId('data-freshness')).toBeNull()
  })
})

describe('the one freshness clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(T0)
    const s = useWatchfloor.getState()
    s.setStaleAfter(DEFAULT_STALE_AFTER_MS)
    s.setLiveSource(null)
    s.setNewIds(new Set())
    s.setDataUpdatedAt(null)
  })
  afterEach(() => vi.useRealTimers())

  it('ticks the header from one interval, and marks it stale', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval')
    act(() => useWatchfloor.getState().setDataUpdatedAt(T0))
    render(
      <FreshnessProvider>
        <DataFreshness />
        {PANEL_NAMES.map((name) => (
          <Panel key={name} name={name} title={name}>
            body
          </Panel>
        ))}
      </FreshnessProvider>,
    )
    expect(setIntervalSpy).toHaveBeenCalledTimes(1)
    const badge = (): string => `${screen.getByTestId('data-freshness').textContent} ${screen.getByTestId('data-freshness').getAttribute('data-stale')}`
    expect(badge()).toBe('updated just now false')
    act(() => vi.advanceTimersByTime(4 * 60_000))
    expect(badge()).toBe('updated 4 min ago false')
    act(() => vi.advanceTimersByTime(12 * 60_000))
    expect(badge()).toBe('updated 16 min ago · stale true')
    // A looser threshold applies at once.
    act(() => useWatchfloor.getState().setStaleAfter(30 * 60_000))
    expect(badge()).toBe('updated 16 min ago false')
    // A refresh is "just now" again, and the header counts what it brought.
    act(() => {
      useWatchfloor.getState().setDataUpdatedAt(Date.now())
      useWatchfloor.getState().setNewIds(new Set(['a', 'b']))
    })
    expect(screen.getByTestId('data-freshness')).toHaveTextContent(/^updated just now · 2 new$/)
    expect(screen.getByText('2 new')).toHaveClass('ingest-freshness__extra')
    expect(screen.getAllByText(/updated/)).toHaveLength(1)
    expect(setIntervalSpy).toHaveBeenCalledTimes(2) // restarted once for the new update time
  })
})
