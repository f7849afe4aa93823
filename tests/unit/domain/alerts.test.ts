import { describe, expect, it } from 'vitest'
import { alertReasons, evaluateWatchlist, mergeAlerts, watchItemId, type Alert, type WatchItem } from '../../../src/domain/alerts.ts'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import type { EventTable } from '../../../src/domain/table-types.ts'
import type { IndexSettings } from '../../../src/domain/threat-index.ts'

const SETTINGS: IndexSettings = { windowDays: 30, halfLifeDays: 7 }
const AS_OF = Date.UTC(2025, 10, 5)
const NOW = Date.UTC(2025, 10, 28, 9, 30)

function tableOf(events: object[]): EventTable {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return buildEventTable(outcome.result.dataset)
}

const table = tableOf([
  { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, countries: ['RU'], actors: ['Kremlin'] },
  { id: 'b', title: 'B', date: '2025-10-28', threatLevel: 4, countries: ['RU'] },
  { id: 'c', title: 'C', date: '2025-09-20', threatLevel: 2, countries: ['RU'] },
  { id: 'f', title: 'F', date: '2025-11-01', threatLevel: 2, countries: ['FR'] },
])

/** The events of rows, read as an engine reads them: asynchronously. */
const readerOf = (t: EventTable) => (rows: readonly number[]) => Promise.resolve(rows.map((row) => t.eventAt(row)))

function item(kind: WatchItem['kind'], value: string, thresholdLevel: WatchItem['thresholdLevel'], risePoints: number | null, muted = false): WatchItem {
  return { id: watchItemId({ kind, value }), kind, value, label: value, thresholdLevel, risePoints, muted }
}

describe('evaluateWatchlist', () => {
  it('raises a level alert with old and new level, scores and the events behind it', async () => {
    const [alert, ...rest] = await evaluateWatchlist(table, [item('region', 'eastern-europe', 4, null)], AS_OF, SETTINGS, [], NOW, readerOf(table))
    expect(rest).toEqual([])
    expect(alert).toMatchObject({
      itemId: 'region:eastern-europe',
      reasons: ['level'],
      raisedAtMs: NOW,
      asOfMs: AS_OF,
      oldLevel: 2,
      newLevel: 4,
      oldScore: 8.9,
      newScore: 42.3,
      delta: 33.4,
      eventCount: 2,
      acknowledged: false,
    })
    // A and B weigh 4 each: a tie, newer first.
    expect(alert!.events).toEqual([
      { id: 'a', title: 'A', date: '2025-11-04', level: 3, share: 0.5 },
      { id: 'b', title: 'B', date: '2025-10-28', level: 4, share: 0.5 },
    ])
  })

  it('raises a rise alert only when the delta reaches the rise threshold', async () => {
    // France: F (level 2) 3 days old: 2 × 0.5^(3/7) = 1.486 → 100 × (1 − 2.486^(−1/4)) = 20.4 points, previous window empty.
    expect(await evaluateWatchlist(table, [item('country', 'FR', 3, 20.5)], AS_OF, SETTINGS, [], NOW, readerOf(table))).toEqual([])
    const [alert] = await evaluateWatchlist(table, [item('country', 'FR', 3, 20.4)], AS_OF, SETTINGS, [], NOW, readerOf(table))
    expect(alert).toMatchObject({ reasons: ['rise'], oldLevel: null, newLevel: 2, delta: 20.4 })
  })

  it('gives both reasons at once, and watches actors', async () => {
    const [ru] = await evaluateWatchlist(table, [item('country', 'RU', 3, 15)], AS_OF, SETTINGS, [], NOW, readerOf(table))
    expect(ru!.reasons).toEqual(['level', 'rise'])
    const [kremlin] = await evaluateWatchlist(table, [item('actor', 'Kremlin', 3, null)], AS_OF, SETTINGS, [], NOW, readerOf(table))
    expect(kremlin).toMatchObject({ itemId: 'actor:Kremlin', newLevel: 3, eventCount: 1 })
  })

  it('raises nothing below the threshold, for a muted item, or on an empty table', async () => {
    expect(await evaluateWatchlist(table, [item('region', 'eastern-europe', 5, 50)], AS_OF, SETTINGS, [], NOW, readerOf(table))).toEqual([])
    expect(await evaluateWatchlist(table, [item('region', 'eastern-europe', 1, 1, true)], AS_OF, SETTINGS, [], NOW, readerOf(table))).toEqual([])
    expect(await evaluateWatchlist(tableOf([]), [item('region', 'eastern-europe', 1, 1)], AS_OF, SETTINGS, [], NOW, readerOf(tableOf([])))).toEqual([])
  })

  it('does not raise the same crossing twice when the same data loads again', async () => {
    const watch = [item('region', 'eastern-europe', 4, null)]
    const first = await evaluateWatchlist(table, watch, AS_OF, SETTINGS, [], NOW, readerOf(table))
    expect(first).toHaveLength(1)
    expect(await evaluateWatchlist(table, watch, AS_OF, SETTINGS, first, NOW + 60_000, readerOf(table))).toEqual([])
    // As-of "today" moves with the clock: an hour earlier on the same day is the same crossing.
    expect(await evaluateWatchlist(table, watch, AS_OF - 3_600_000, SETTINGS, first, NOW, readerOf(table))).toEqual([])
    // A new event in the window is new information: a new alert.
    const refreshed = tableOf([
      ...['a', 'b', 'c'].map((id, i) => ({ id, title: id.toUpperCase(), date: ['2025-11-04', '2025-10-28', '2025-09-20'][i], threatLevel: [3, 4, 2][i], countries: ['RU'] })),
      { id: 'g', title: 'G', date: '2025-11-03', threatLevel: 4, countries: ['UA'] },
    ])
    expect(await evaluateWatchlist(refreshed, watch, AS_OF, SETTINGS, first, NOW, readerOf(refreshed))).toHaveLength(1)
  })

  it('gives a span event its whole date range', async () => {
    const spans = tableOf([{ id: 's', title: 'Siege', date: '2025-10', endDate: '2025-11-03', threatLevel: 5, countries: ['SD'] }])
    const [alert] = await evaluateWatchlist(spans, [item('country', 'SD', 5, null)], AS_OF, SETTINGS, [], NOW, readerOf(spans))
    expect(alert!.events.map((e) => e.date)).toEqual(['2025-10 – 2025-11-03'])
  })

  it('alertReasons reads the thresholds inclusively', async () => {
    const w = item('region', 'x', 3, 15)
    expect(alertReasons(w, 3, 15)).toEqual(['level', 'rise'])
    expect(alertReasons(w, 2, 14.9)).toEqual([])
    expect(alertReasons(w, null, 0)).toEqual([])
  })
})

describe('mergeAlerts', () => {
  const alert = (id: string, raisedAtMs: number, acknowledged: boolean): Alert =>
    ({ id, raisedAtMs, acknowledged }) as unknown as Alert

  it('puts the newest first and drops the oldest acknowledged ones beyond the limit', async () => {
    const existing = [alert('old-ack', 1, true), alert('old-open', 2, false), alert('mid-ack', 3, true)]
    const merged = mergeAlerts(existing, [alert('new', 4, false)], 3)
    expect(merged.map((a) => a.id)).toEqual(['new', 'mid-ack', 'old-open'])
    expect(mergeAlerts(existing, [], 10).map((a) => a.id)).toEqual(['mid-ack', 'old-open', 'old-ack'])
  })

  it('keeps the newest when every alert is open', async () => {
    const merged = mergeAlerts([alert('a', 1, false), alert('b', 2, false)], [alert('c', 3, false)], 2)
    expect(merged.map((a) => a.id)).toEqual(['c', 'b'])
  })
})
