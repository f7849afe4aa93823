import { describe, expect, it } from 'vitest'
import { watchItemId } from '../../../src/domain/alerts.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { useWatchfloor } from '../../../src/state/store.ts'

const NOW = Date.UTC(2025, 10, 28, 9, 30)

describe('clearing alerts', () => {
  it('does not raise the cleared alerts again, but raises a new crossing', async () => {
    const read = (events: object[]) => {
      const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
      if (!outcome.ok) throw new Error(outcome.reason)
      return outcome.result.dataset
    }
    const s = useWatchfloor.getState()
    s.loadDataset(read([{ id: 'b', title: 'B', date: '2025-11-04', threatLevel: 4, countries: ['RU'] }]))
    s.addWatchItem({
      id: watchItemId({ kind: 'country', value: 'RU' }),
      kind: 'country',
      value: 'RU',
      label: 'Russia',
      thresholdLevel: 3,
      risePoints: null,
      muted: false,
    })
    expect(await useWatchfloor.getState().evaluateAlerts(NOW)).toHaveLength(1)
    useWatchfloor.getState().clearAlerts()
    expect(useWatchfloor.getState().alerts).toEqual([])
    expect(await useWatchfloor.getState().evaluateAlerts(NOW + 60_000)).toEqual([])
    // New data that changes the reading (a second event) is a new crossing.
    useWatchfloor.getState().loadDataset(
      read([
        { id: 'b', title: 'B', date: '2025-11-04', threatLevel: 4, countries: ['RU'] },
        { id: 'c', title: 'C', date: '2025-11-03', threatLevel: 5, countries: ['RU'] },
      ]),
    )
    expect(await useWatchfloor.getState().evaluateAlerts(NOW + 120_000)).toHaveLength(1)
  })
})
