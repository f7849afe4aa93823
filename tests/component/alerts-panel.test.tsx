import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AlertBadge, AlertTabCount } from '../../src/features/alerts/components/alert-badge.tsx'
import { AlertList } from '../../src/features/alerts/components/alert-list.tsx'
import { WatchlistView } from '../../src/features/alerts/components/watchlist-view.tsx'
import { startAlertEngine } from '../../src/features/alerts/utils/alert-engine.ts'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { DEFAULT_ALERT_SETTINGS } from '../../src/state/alerts-slice.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

const STRIKE = { id: 'strike', title: 'Missile strike on Kharkiv', date: '2025-10-30', threatLevel: 4, countries: ['UA'], actors: ['Russia'] }

function renderPanel() {
  return render(
    <>
      <AlertBadge />
      <GaugesPanel watchlist={<WatchlistView />} alerts={<AlertList />} alertsBadge={<AlertTabCount />} />
    </>,
  )
}

function gauge(region: string): HTMLElement {
  const found = screen.getAllByTestId('gauge').find((g) => g.dataset.region === region)
  if (!found) throw new Error(`no gauge for ${region}`)
  return found
}

let stop: (() => void) | undefined
beforeEach(() => {
  act(() => {
    const s = useWatchfloor.getState()
    s.setWatchlist([])
    s.setAlerts([])
    s.setAlertSettings(DEFAULT_ALERT_SETTINGS)
    s.setGaugesTab('gauges')
    s.setIndexSettings(DEFAULT_INDEX_SETTINGS)
  })
  loadEvents([SEED_EVENT, STRIKE])
  stop = startAlertEngine(useWatchfloor, {
    now: () => Date.UTC(2026, 10, 28, 9, 0),
    load: async () => undefined,
    save: async () => undefined,
    notify: () => undefined,
  })
})
afterEach(() => {
  stop?.()
  stop = undefined
})

function watch(kind: string, value: string, level: string, rise = ''): void {
  fireEvent.click(screen.getByTestId('gauges-tab-watchlist'))
  fireEvent.change(screen.getByTestId('watch-kind'), { target: { value: kind } })
  fireEvent.change(screen.getByTestId('watch-target'), { target: { value } })
  fireEvent.change(screen.getByTestId('watch-threshold'), { target: { value: level } })
  fireEvent.change(screen.getByTestId('watch-rise'), { target: { value: rise } })
  fireEvent.click(screen.getByTestId('watch-add'))
}

describe('watchlist and alerts in the threat-levels panel', () => {
  it('raises an alert when a watched region crosses its threshold, with the events behind it', async () => {
    renderPanel()
    expect(screen.queryByTestId('alert-badge')).toBeNull()
    watch('region', 'eastern-europe', '4')
    expect(within(screen.getByTestId('watch-item')).getByText('Eastern Europe')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('alert-badge')).toHaveAttribute('data-count', '1'))
    expect(screen.getByTestId('alert-tab-count')).toHaveTextContent('1')
    fireEvent.click(screen.getByTestId('alert-badge'))
    const alert = screen.getByTestId('alert')
    expect(alert).toHaveAttribute('data-item', 'region:eastern-europe')
    expect(within(alert).getByText('Eastern Europe')).toBeInTheDocument()
    expect(within(alert).getByLabelText('level none to 4')).toBeInTheDocument()
    // The strike (level 4; its day ended 5 days before as-of: 8 × 0.5^(5/7) = 4.88) outweighs the seed (4 × 1).
    const titles = within(alert).getAllByText(/./, { selector: '.alert-item__event-title' }).map((e) => e.textContent)
    expect(titles).toEqual([STRIKE.title, SEED_EVENT.title])
    fireEvent.click(within(alert).getByTestId('alert-ack'))
    expect(screen.getByTestId('alert')).toHaveAttribute('data-acknowledged', 'true')
    expect(screen.getByTestId('alert-badge')).toHaveAttribute('data-count', '0')
    expect(screen.queryByTestId('alert-tab-count')).toBeNull()
  })

  it('stays quiet below the threshold, and a muted item raises nothing', async () => {
    renderPanel()
    watch('actor', 'Russia', '5', '50')
    watch('region', 'asia', '3')
    await waitFor(() => expect(useWatchfloor.getState().alerts).toHaveLength(1))
    fireEvent.click(screen.getByTestId('gauges-tab-alerts'))
    expect(screen.getAllByTestId('alert').map((a) => a.dataset.item)).toEqual(['region:asia'])
    fireEvent.click(screen.getByTestId('alert-mute'))
    expect(useWatchfloor.getState().watchlist.find((w) => w.id === 'region:asia')?.muted).toBe(true)
    // A new event for Asia would be a new crossing, but the item is muted.
    loadEvents([SEED_EVENT, STRIKE, { id: 'n', title: 'New', date: '2025-11-03', threatLevel: 3, countries: ['JP'] }])
    expect(useWatchfloor.getState().alerts).toHaveLength(1)
  })

  it('shows a gauge per watched item, starred, beside the region gauges', () => {
    renderPanel()
    watch('actor', 'Russia', '5')
    fireEvent.click(screen.getByTestId('gauges-tab-gauges'))
    const russia = gauge('actor:Russia')
    expect(russia).toHaveAttribute('data-level', '4')
    expect(russia.querySelector('.gauge__star')).toHaveAttribute('title', 'On the watchlist')
    expect(russia).toHaveAccessibleName(/^Watched: Russia 4 high .*score 36, rising/)
    expect(gauge('eastern-europe')).toHaveAttribute('data-level', '4')
  })
})

describe('index settings', () => {
  it('switches to the peak method and to "today"', () => {
    renderPanel()
    expect(gauge('asia')).toHaveAttribute('data-score', '33.1')
    fireEvent.change(screen.getByTestId('index-method'), { target: { value: 'peak' } })
    // Asia holds the seed event only: 40 + 20 × 1/6 = 43.3.
    expect(gauge('asia')).toHaveAttribute('data-score', '43.3')
    expect(screen.getByTestId('index-half-life')).toBeDisabled()
    fireEvent.click(screen.getByTestId('as-of-today'))
    expect(useWatchfloor.getState().asOfSetting).toEqual({ mode: 'today' })
    // A year after the data ends, the window is empty: "no recent activity", not "low".
    expect(gauge('overall')).toHaveAttribute('data-level', 'none')
  })
})

describe('period comparison', () => {
  it('compares the window with the previous one and exports it as CSV', async () => {
    let blob: Blob | undefined
    const create = vi.fn((b: Blob) => {
      blob = b
      return 'blob:test'
    })
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: () => undefined })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    renderPanel()
    fireEvent.click(screen.getByTestId('gauges-tab-compare'))
    const rows = await screen.findAllByTestId('compare-row') // the tab loads on demand
    const ee = rows.find((r) => r.dataset.region === 'eastern-europe')!
    // Strike 8 × 0.5^(5/7) = 4.876 + seed 4 = 8.876 → 100 × (1 − 9.876^(−1/4)) = 43.6; nothing the 30 days before.
    expect(within(ee).getByText('0 → 2')).toBeInTheDocument()
    expect(ee).toHaveTextContent('43.6 (0)+43.6')
    const add = screen.getByTestId('compare-add') as HTMLSelectElement
    const extra = [...add.options].map((o) => o.value).find((v) => v !== '')!
    expect(rows.some((r) => r.dataset.region === extra)).toBe(false)
    fireEvent.change(add, { target: { value: extra } })
    expect(screen.getAllByTestId('compare-row')).toHaveLength(rows.length + 1)
    expect(screen.getAllByTestId('compare-row').at(-1)).toHaveAttribute('data-region', extra)
    fireEvent.click(screen.getByTestId('compare-export-csv'))
    expect(click).toHaveBeenCalledOnce()
    // jsdom's Blob has no text(): read it as a browser would before Blob.text existed.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.readAsText(blob!)
    })
    expect(text.split('\r\n')[0]).toBe(
      'kind,id,name,level 2025-10-06..2025-11-04,level 2025-09-06..2025-10-05,score,previous score,delta,events,previous events',
    )
    expect(text).toContain('region,eastern-europe,Eastern Europe,4,,43.6,0,43.6,2,0\r\n')
    click.mockRestore()
  })
})
