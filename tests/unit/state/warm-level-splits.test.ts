import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../src/domain/engine/local/local-engine.ts'
import type { ThreatLevel } from '../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { STAGED_PART_ROWS, warmLevelSplits } from '../../../src/state/run-views.ts'
import { useWatchfloor } from '../../../src/state/store.ts'
import { requestFor } from '../../engine/conformance.ts'

const table = generateSyntheticTable({ size: 5_000, seed: 3 })
const toMs = Date.UTC(2026, 0, 1)
const span = { fromMs: Date.UTC(2016, 0, 1), toMs }
const bucketStarts = Array.from({ length: 120 }, (_, m) => Date.UTC(2016, m, 1))
const request = {
  ...requestFor(EMPTY_FILTER),
  timeline: { madeFor: null, indexTimes: [], indexLines: [], markers: { fromMs: Date.UTC(2025, 6, 1), toMs }, lanes: { mode: 'region' as const, limit: 6, span, columns: 400, bucketStarts, bucketEnd: toMs } },
}

afterEach(() => vi.restoreAllMocks())

describe('warmLevelSplits', () => {
  it('makes every level split the last answer left, one a task, and stops when no longer wanted', async () => {
    const engine = new LocalEngine(table)
    engine.answer(request)
    // The lanes' grid, the map's bins, the gauges' tallies, the shading's windows and totals:
    // one task each when a task may visit every row…
    expect(await warmLevelSplits(engine, () => true, table.size)).toBe(5)
    expect(engine.warmLevelSplit()).toBe(false)
    // …and the grid and the bins in several when it may visit a thousand.
    const sliced = new LocalEngine(table)
    sliced.answer(request)
    expect(await warmLevelSplits(sliced, () => true, 1_000)).toBeGreaterThan(5 + 2)
    expect(sliced.warmLevelSplit()).toBe(false)
    // Both answer a level toggle as a fresh engine does.
    const toggled = { ...request, filter: { ...EMPTY_FILTER, levels: [1, 3] as ThreatLevel[] } }
    const fresh = new LocalEngine(table).answer(toggled)
    // The lanes' density is in float32, which a recombination of the levels rounds in another order.
    const lanes = (views: typeof fresh) => {
      const { counts, ...rest } = views.timeline!.lanes!
      return { ...rest, counts: Array.from(counts ?? [], (v) => Math.round(v * 1e4) / 1e4) }
    }
    for (const warmed of [engine, sliced]) {
      const got = warmed.answer(toggled)
      expect(lanes(got)).toEqual(lanes(fresh))
      expect(got.timeline!.markers).toEqual(fresh.timeline!.markers)
      expect(got.points).toEqual(fresh.points)
      expect(got.gauges).toEqual(fresh.gauges)
      expect(got.map).toEqual(fresh.map)
    }

    const other = new LocalEngine(table)
    other.answer(request)
    expect(await warmLevelSplits(other, () => false)).toBe(0)
    expect(other.warmLevelSplit()).toBe(true)
  })

  it('runs once a large table’s panels are all drawn', async () => {
    const warm = vi.spyOn(LocalEngine.prototype, 'warmLevelSplit')
    useWatchfloor.getState().loadTable(generateSyntheticTable({ size: STAGED_PART_ROWS, seed: 5 }), { name: 'Generated', customRegions: [] })
    for (let i = 0; i < 300 && useWatchfloor.getState().pendingParts.size > 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(useWatchfloor.getState().pendingParts.size).toBe(0)
    for (let i = 0; i < 100 && !warm.mock.results.some((r) => r.value === false); i++) await new Promise((r) => setTimeout(r, 10))
    // Called until nothing was left, on the engine on screen.
    expect(warm.mock.results.at(-1)?.value).toBe(false)
    expect(warm.mock.results.filter((r) => r.value === true).length).toBeGreaterThan(0)
    expect(warm.mock.contexts.every((c) => c === useWatchfloor.getState().engine)).toBe(true)
  })
})
