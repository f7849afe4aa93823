import { act, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PANEL_NAMES } from '../../src/domain/panels.ts'
import { FreshnessProvider } from '../../src/app/freshness-provider.tsx'
import { DataFreshness } from '../../src/features/ingest/components/data-freshness.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { DEFAULT_STALE_AFTER_MS } from '../../src/state/workspace-slice.ts'
import { FreshnessContext, type Freshness } from '../../src/ui/freshness-context.tsx'
import { Panel } from '../../src/ui/panel.tsx'

const T0 = Date.UTC(2026, 10, 28, 9, 0)

function at(values: Partial<Freshness>): Freshness {
  return { updatedAtMs: T0, nowMs: T0, staleAfterMs: 15 * 60_000, live: false, newCount: 0, ...values }
}

describe('panel freshness', () => {
  it('says how old the data is beside the panel title', () => {
    render(
      <FreshnessContext value={at({ nowMs: T0 + 4 * 60_000 + 59_000 })}>
        <Panel name="events" title="Events">
          body
        </Panel>
      </FreshnessContext>,
    )
    const badge = within(screen.getByTestId('panel-events')).getByTestId('panel-freshness')
    expect(badge).toHaveTextContent(/^updated 4 min ago$/)
    expect(badge).toHaveAttribute('data-stale', 'false')
    expect(badge.title).toBe('Data loaded 2026-11-28 09:00 UTC')
  })

  it('says "stale" in words past the threshold, not by colour alone', () => {
    render(
      <FreshnessContext value={at({ nowMs: T0 + 20 * 60_000, live: true })}>
        <Panel name="map" title="The map">
          body
        </Panel>
      </FreshnessContext>,
    )
    const badge = screen.getByTestId('panel-freshness')
    expect(badge).toHaveTextContent(/^updated 20 min ago · stale$/)
    expect(badge).toHaveAttribute('data-stale', 'true')
    expect(badge.title).toBe('Data loaded 2026-11-28 09:00 UTC, refreshing live; older than 15 min counts as stale')
  })

  it('shows nothing when the age of the data is unknown or there is no clock', () => {
    const { unmount } = render(
      <FreshnessContext value={at({ updatedAtMs: null })}>
        <Panel name="gauges" title="Threat levels">
          body
        </Panel>
      </FreshnessContext>,
    )
    expect(screen.queryByTestId('panel-freshness')).toBeNull()
    unmount()
    render(
      <Panel name="gauges" title="Threat levels">
        body
      </Panel>,
    )
    expect(screen.queryByTestId('panel-freshness')).toBeNull()
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

  it('ticks every panel and the header from one interval, and marks them stale together', () => {
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
    const badges = (): string[] => screen.getAllByTestId('panel-freshness').map((b) => `${b.textContent} ${b.getAttribute('data-stale')}`)
    expect(badges()).toEqual(Array(4).fill('updated just now false'))
    act(() => vi.advanceTimersByTime(4 * 60_000))
    expect(badges()).toEqual(Array(4).fill('updated 4 min ago false'))
    act(() => vi.advanceTimersByTime(12 * 60_000))
    expect(badges()).toEqual(Array(4).fill('updated 16 min ago · stale true'))
    expect(screen.getByTestId('data-freshness')).toHaveTextContent('updated 16 min ago · stale')
    // A looser threshold applies at once.
    act(() => useWatchfloor.getState().setStaleAfter(30 * 60_000))
    expect(badges()).toEqual(Array(4).fill('updated 16 min ago false'))
    // A refresh is "just now" again, and the header counts what it brought.
    act(() => {
      useWatchfloor.getState().setDataUpdatedAt(Date.now())
      useWatchfloor.getState().setNewIds(new Set(['a', 'b']))
    })
    expect(badges()).toEqual(Array(4).fill('updated just now false'))
    expect(screen.getByTestId('data-freshness')).toHaveTextContent(/^updated just now · 2 new$/)
    expect(screen.getByText('2 new')).toHaveClass('ingest-freshness__extra')
    expect(setIntervalSpy).toHaveBeenCalledTimes(2) // restarted once for the new update time, never per panel
  })
})
