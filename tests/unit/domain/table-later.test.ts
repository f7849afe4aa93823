import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import type { ThreatEvent } from '../../../src/domain/model.ts'
import { withLaterEvents } from '../../../src/domain/table-later.ts'
import { eventsOfRows } from '../../../src/domain/table.ts'

const outcome = readNativeJson(readFileSync('public/data/sample.json', 'utf8'))
if (!outcome.ok) throw new Error(outcome.reason)
const dataset = outcome.result.dataset
/** The events as the panels see them first: no detail text. */
const bare: ThreatEvent[] = dataset.events.map(({ summary: _s, assessment: _a, ...e }) => ({ ...e, sources: [], tags: [] }))

describe('withLaterEvents: a table whose whole events come later', () => {
  const straight = buildEventTable(dataset)

  it('answers eventsOfRows with the whole events of the rows, in the order asked, as the table built from them does', async () => {
    let reads = 0
    const table = withLaterEvents(buildEventTable({ ...dataset, events: bare }), () => {
      reads++
      return Promise.resolve(dataset.events)
    })
    // The sample is not in date order: rows and input rows differ, so the mapping is exercised.
    expect(table.sourceRow).not.toBeNull()
    const rows = [0, 5, 285, 17, 5]
    const events = await eventsOfRows(table, rows)
    expect(events).toEqual(rows.map((row) => straight.eventAt(row)))
    expect(events[0]!.summary).toBe(straight.eventAt(0).summary)
    expect(events[0]!.summary).toBeDefined()
    await eventsOfRows(table, [1])
    expect(reads).toBe(1)
    expect(table.eventAt(3)).toEqual(straight.eventAt(3))
  })

  it('refuses eventAt until the whole events are read, and a row outside the table', async () => {
    const table = withLaterEvents(buildEventTable({ ...dataset, events: bare }), () => Promise.resolve(dataset.events))
    expect(() => table.eventAt(0)).toThrow("row 0's whole event is still being read: read it with eventsOfRows")
    await expect(eventsOfRows(table, [286])).rejects.toThrow('row 286 is not a row of this table')
  })

  it('rejects a failed read and asks again on the next', async () => {
    let calls = 0
    const table = withLaterEvents(buildEventTable({ ...dataset, events: bare }), () => {
      calls++
      return calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(dataset.events)
    })
    await expect(eventsOfRows(table, [0])).rejects.toThrow('offline')
    expect(await eventsOfRows(table, [0])).toEqual([straight.eventAt(0)])
    expect(calls).toBe(2)
  })
})
