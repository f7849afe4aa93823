import { describe, expect, it, vi } from 'vitest'
import { watchItemId, type Alert, type WatchItem } from '../../../src/domain/alerts.ts'
import { ClickHouseEngine } from '../../../src/lib/clickhouse/clickhouse-engine.ts'
import { startAlertEngine } from '../../../src/features/alerts/utils/alert-engine.ts'
import { useWatchfloor } from '../../../src/state/store.ts'
import { datasetOf } from '../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../warehouse/test-warehouse.ts'

/**
 * The watchlist and its alerts in warehouse mode: the warehouse scores each watch item (watched
 * gauges with the events behind them) and raises the alerts the local engine would.
 */
const warehouse = useTestWarehouse()

const NOW = Date.UTC(2025, 10, 28, 9, 30)

const watch = (kind: WatchItem['kind'], value: string, thresholdLevel: WatchItem['thresholdLevel']): WatchItem => ({
  id: watchItemId({ kind, value }),
  kind,
  value,
  label: value,
  thresholdLevel,
  risePoints: null,
  muted: false,
})

async function until<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = read()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('timed out waiting for the warehouse')
}

describe('watchlist and alerts in warehouse mode', { timeout: 60_000 }, () => {
  it('shows watched gauges with their events and raises alerts from the warehouse, once', async () => {
    const dataset = datasetOf([
      { id: 'strike', title: 'Strike', date: '2025-11-04', threatLevel: 4, countries: ['RU'], actors: ['Wagner Group'] },
      { id: 'talks', title: 'Talks', date: '2025-11-01', threatLevel: 2, countries: ['RU'] },
      { id: 'paris', title: 'Summit', date: '2025-11-02', threatLevel: 2, countries: ['FR'] },
    ])
    const engine = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const store = useWatchfloor
    store.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: engine.source, customRegions: [] })
    const notified: Alert[][] = []
    const stop = startAlertEngine(store, { now: () => NOW, load: async () => undefined, save: async () => undefined, notify: (a) => notified.push([...a]) })
    // Russia crosses its threshold (level 4 ≥ 3); France (level 2) and Wagner Group at 5 do not.
    store.getState().setWatchlist([watch('country', 'RU', 3), watch('country', 'FR', 3), watch('actor', 'Wagner Group', 5)])
    const watched = await until(() => {
      const w = store.getState().views.watched
      return w !== null && w.length === 3 && store.getState().remoteStatus?.running === false ? w : undefined
    })
    const ru = watched.find((w) => w.item.value === 'RU')!
    expect(ru.index.level).toBe(4)
    expect(ru.index.eventCount).toBe(2)
    expect(watched.find((w) => w.item.kind === 'actor')!.index.eventCount).toBe(1)
    // The events behind the watched gauge are there to be read by ref (its detail lists them).
    expect(ru.index.contributions.map((c) => store.getState().remoteEvents.get(c.row)?.id).sort()).toEqual(['strike', 'talks'])
    const alerts = await until(() => (store.getState().alerts.length > 0 ? store.getState().alerts : undefined))
    expect(alerts.map((a) => a.itemId)).toEqual([watchItemId({ kind: 'country', value: 'RU' })])
    expect(alerts[0]!.newLevel).toBe(4)
    expect(alerts[0]!.events.map((e) => e.id)).toEqual(['strike', 'talks'])
    // Evaluated again with nothing new, the warehouse raises nothing twice.
    expect(await store.getState().evaluateAlerts(NOW + 60_000)).toEqual([])
    expect(store.getState().alerts).toHaveLength(1)
    expect(notified).toEqual([])
    stop()
    await engine.close()
  })

  it('raises nothing when the warehouse is left while it answers', async () => {
    const dataset = datasetOf([{ id: 'strike', title: 'Strike', date: '2025-11-04', threatLevel: 5, countries: ['RU'] }])
    const engine = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const store = useWatchfloor
    store.getState().clearAlerts()
    store.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: engine.source, customRegions: [] })
    store.getState().setWatchlist([watch('country', 'RU', 2)])
    const spy = vi.spyOn(engine, 'watchAlerts')
    const pending = store.getState().evaluateAlerts(NOW)
    store.getState().loadDataset(datasetOf([{ id: 'local', title: 'Local', date: '2025-11-04', threatLevel: 1 }]))
    expect(await pending).toEqual([])
    expect(spy).toHaveBeenCalledOnce()
    expect(store.getState().alerts.filter((a) => a.itemId === watchItemId({ kind: 'country', value: 'RU' }) && a.newLevel === 5)).toEqual([])
    await engine.close()
  })
})
