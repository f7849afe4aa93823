import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchItemId, type Alert, type WatchItem } from '../../../../src/domain/alerts.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { startAlertEngine, type AlertEngineDeps } from '../../../../src/features/alerts/utils/alert-engine.ts'
import { DEFAULT_ALERT_SETTINGS } from '../../../../src/state/alerts-slice.ts'
import { EMPTY_DATASET } from '../../../../src/state/data-slice.ts'
import { LATEST_AS_OF } from '../../../../src/domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../../src/state/store.ts'

const EVENTS = [
  { id: 'a', title: 'Seed', date: '2025-11-04', threatLevel: 'medium', regions: ['Asia', 'Eastern Europe'] },
  { id: 'b', title: 'Strike', date: '2025-10-26', threatLevel: 4, countries: ['RU'] },
]

function dataset(events: object[]) {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

const EE: WatchItem = {
  id: watchItemId({ kind: 'region', value: 'eastern-europe' }),
  kind: 'region',
  value: 'eastern-europe',
  label: 'Eastern Europe',
  thresholdLevel: 4,
  risePoints: null,
  muted: false,
}

function fakeDeps(saved: Record<string, unknown>): AlertEngineDeps & { saves: Map<string, unknown>; notified: Alert[][] } {
  const saves = new Map<string, unknown>()
  const notified: Alert[][] = []
  return {
    saves,
    notified,
    now: () => Date.UTC(2026, 10, 28, 9, 0),
    load: async (key) => saved[key],
    save: async (key, value) => void saves.set(key, value),
    notify: (alerts) => void notified.push([...alerts]),
  }
}

let stop: (() => void) | undefined

beforeEach(() => {
  const s = useWatchfloor.getState()
  s.setFilter(EMPTY_FILTER)
  s.setAsOf(LATEST_AS_OF)
  s.loadDataset(EMPTY_DATASET)
  s.setWatchlist([])
  s.setAlerts([])
  s.setAlertSettings(DEFAULT_ALERT_SETTINGS)
  s.setWorkspaceNotice(null)
})
afterEach(() => {
  stop?.()
  stop = undefined
})

describe('alert engine', () => {
  it('restores the saved watchlist, raises an alert when data loads, and saves both', async () => {
    const deps = fakeDeps({ watchlist: { version: 1, items: [EE] } })
    stop = startAlertEngine(useWatchfloor, deps)
    await vi.waitFor(() => expect(useWatchfloor.getState().watchlist).toEqual([EE]))
    expect(useWatchfloor.getState().alerts).toEqual([])
    useWatchfloor.getState().loadDataset(dataset(EVENTS))
    // The events behind the alert are read asynchronously, as the engine answers.
    const [alert] = await vi.waitFor(() => {
      expect(useWatchfloor.getState().alerts).toHaveLength(1)
      return useWatchfloor.getState().alerts
    })
    expect(alert).toMatchObject({ itemId: 'region:eastern-europe', oldLevel: null, newLevel: 4, reasons: ['level'] })
    expect(alert!.events.map((e) => e.title)).toEqual(['Seed', 'Strike'])
    await vi.waitFor(() => expect(deps.saves.get('alerts')).toMatchObject({ version: 1, alerts: [{ id: alert!.id }] }))
    expect(deps.notified).toEqual([]) // notifications are off by default
    // The same data again raises nothing new.
    useWatchfloor.getState().loadDataset(dataset(EVENTS))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(useWatchfloor.getState().alerts).toHaveLength(1)
  })

  it('sets a corrupt saved watchlist aside with a notice and starts clean', async () => {
    const corrupt = { version: 1, items: [{ id: 'x', kind: 'planet', value: 'Mars' }] }
    const deps = fakeDeps({ watchlist: corrupt, alerts: 'garbage' })
    stop = startAlertEngine(useWatchfloor, deps)
    await vi.waitFor(() => expect(useWatchfloor.getState().workspaceNotice).toMatch(/saved watchlist could not be read/))
    expect(useWatchfloor.getState().workspaceNotice).toMatch(/saved alerts could not be read/)
    expect(deps.saves.get('watchlist.corrupt')).toEqual(corrupt)
    expect(deps.saves.get('alerts.corrupt')).toBe('garbage')
    expect(useWatchfloor.getState().watchlist).toEqual([])
  })

  it('notifies new alerts only when notifications are on and kiosk mode is off', async () => {
    const deps = fakeDeps({})
    stop = startAlertEngine(useWatchfloor, deps)
    const s = useWatchfloor.getState()
    s.setAlertSettings({ notifications: true, kiosk: true })
    s.loadDataset(dataset(EVENTS))
    s.addWatchItem(EE)
    // Evaluated once the (empty) saved workspace has been read.
    await vi.waitFor(() => expect(useWatchfloor.getState().alerts).toHaveLength(1))
    expect(deps.notified).toEqual([])
    s.setAlertSettings({ kiosk: false })
    s.addWatchItem({ ...EE, id: 'region:asia', value: 'asia', label: 'Asia', thresholdLevel: 3 })
    await vi.waitFor(() => expect(deps.notified.map((batch) => batch.map((a) => a.itemLabel))).toEqual([['Asia']]))
  })

  it('forces kiosk mode from the URL option over the saved setting', async () => {
    const deps = fakeDeps({ alerts: { version: 1, alerts: [], settings: { notifications: true, kiosk: false } } })
    stop = startAlertEngine(useWatchfloor, deps, { kiosk: true })
    await vi.waitFor(() => expect(useWatchfloor.getState().alertSettings).toEqual({ notifications: true, kiosk: true }))
  })

  it('keeps working with a notice when the workspace database is unavailable', async () => {
    const deps = { ...fakeDeps({}), load: () => Promise.reject(new Error('no IndexedDB')) }
    stop = startAlertEngine(useWatchfloor, deps)
    await vi.waitFor(() => expect(useWatchfloor.getState().workspaceNotice).toMatch(/not available in this browser/))
    useWatchfloor.getState().loadDataset(dataset(EVENTS))
    useWatchfloor.getState().addWatchItem(EE)
    await vi.waitFor(() => expect(useWatchfloor.getState().alerts).toHaveLength(1))
  })
})
