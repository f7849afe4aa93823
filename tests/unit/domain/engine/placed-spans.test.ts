import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest } from '../../../../src/domain/engine/views-engine.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { requestOf } from '../../../../src/state/run-views.ts'
import { useWatchfloor } from '../../../../src/state/store.ts'

const ALL_TIME = { fromMs: -Infinity, toMs: Infinity }

function requestFor(filter: FilterSpec): ViewRequest {
  return requestOf({ ...useWatchfloor.getState(), filter })
}

describe('the local engine’s placed spans', () => {
  const table = generateSyntheticTable({ size: 3000, seed: 11 })
  const engine = new LocalEngine(table)
  const filters: FilterSpec[] = [EMPTY_FILTER, { ...EMPTY_FILTER, levels: [4, 5] }, { ...EMPTY_FILTER, regions: ['eastern-europe'] }, { ...EMPTY_FILTER, levels: [] }]

  it('over all time, are the placed events’ positions and levels, in the list’s order, without the events not on the map', async () => {
    for (const filter of filters) {
      const request = requestFor(filter)
      const placed = (await engine.placedEvents(request)).filter((p) => Number.isFinite(p.latDeg) && Number.isFinite(p.lonDeg))
      const spans = await engine.placedSpans(request, ALL_TIME, Infinity)
      expect(spans.size).toBe(placed.length)
      expect(Array.from(spans.lonDeg)).toEqual(placed.map((p) => Math.fround(p.lonDeg)))
      expect(Array.from(spans.latDeg)).toEqual(placed.map((p) => Math.fround(p.latDeg)))
      expect(Array.from(spans.level)).toEqual(placed.map((p) => p.event.threatLevel))
    }
  })

  it('keep only events overlapping the span, and refuse more than the limit', async () => {
    const request = requestFor(EMPTY_FILTER)
    // Hand-counted from the columns: rows with a place whose [start, end) meets the span.
    const span = { fromMs: table.startMs[1500]!, toMs: table.startMs[1500]! + 30 * 86_400_000 }
    let expected = 0
    for (let row = 0; row < table.size; row++) {
      const placed = Number.isFinite(table.latDeg[row]!) && Number.isFinite(table.lonDeg[row]!)
      if (placed && table.startMs[row]! < span.toMs && table.endMs[row]! > span.fromMs) expected++
    }
    const spans = await engine.placedSpans(request, span, Infinity)
    expect(spans.size).toBe(expected)
    expect(expected).toBeGreaterThan(0)
    for (let i = 0; i < spans.size; i++) {
      expect(spans.startMs[i]).toBeLessThan(span.toMs)
      expect(spans.endMs[i]).toBeGreaterThan(span.fromMs)
    }
    await expect(engine.placedSpans(request, span, expected - 1)).rejects.toThrow(`${expected} events would be drawn, more than ${expected - 1}: narrow the filters.`)
  })
})
