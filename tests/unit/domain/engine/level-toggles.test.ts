import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../../src/domain/engine/local/local-engine.ts'
import type { PointFrame } from '../../../../src/domain/engine/map-points.ts'
import type { ThreatLevel } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import type { Views } from '../../../../src/domain/engine/views-engine.ts'
import { requestFor } from '../../../engine/conformance.ts'

// Ten years of events, monthly buckets, region lanes in density over 400 px.
const table = generateSyntheticTable({ size: 20_000, seed: 7 })
const fromMs = Date.UTC(2016, 0, 1)
const toMs = Date.UTC(2026, 0, 1)
const bucketStarts = Array.from({ length: 120 }, (_, m) => Date.UTC(2016, m, 1))
const span = { fromMs, toMs }
// The store keeps its custom region list while it is unchanged; so does this test.
const noCustomRegions: never[] = []

function request(filter: FilterSpec) {
  return {
    ...requestFor(filter),
    customRegions: noCustomRegions,
    timeline: { madeFor: null, indexTimes: [], indexLines: [], markers: { fromMs: Date.UTC(2025, 6, 1), toMs }, lanes: { mode: 'region' as const, limit: 6, span, columns: 400, bucketStarts, bucketEnd: toMs } },
  }
}

function pictureOf(views: Views) {
  const frame = views.points as PointFrame
  const lanes = views.timeline!.lanes!
  const round = (a: ArrayLike<number>): number[] => Array.from(a, (v) => Math.round(v * 1e4) / 1e4)
  return {
    mode: frame.mode,
    visible: frame.visible,
    points: [round(frame.x), round(frame.y), Array.from(frame.ref), Array.from(frame.count), Array.from(frame.level)],
    lanes: lanes.lanes.map((l) => [l.value, l.count]),
    density: lanes.density,
    counts: round(lanes.counts ?? []),
    maxLevel: Array.from(lanes.maxLevel ?? []),
    shading: [...views.map!.shading],
    markers: views.timeline!.markers,
  }
}

describe('toggling levels', () => {
  it('shades and draws the map, the markers and the lanes as an engine that saw only the last filter', () => {
    const toggled = new LocalEngine(table)
    const region = { ...EMPTY_FILTER, regions: ['eastern-europe'] }
    // Level sets in the order an analyst clicks them, with a region change in between (which
    // starts the level split again) and a return to a set seen before.
    const steps: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [2, 3, 4, 5] as ThreatLevel[] },
      { ...EMPTY_FILTER, levels: [3, 4, 5] as ThreatLevel[] },
      { ...EMPTY_FILTER, levels: [5] as ThreatLevel[] },
      region,
      { ...region, levels: [1, 5] as ThreatLevel[] },
      { ...region, levels: [4] as ThreatLevel[] },
      { ...EMPTY_FILTER, levels: [3, 4, 5] as ThreatLevel[] },
      EMPTY_FILTER,
    ]
    const modes = new Set<string>()
    for (const filter of steps) {
      const got = pictureOf(toggled.answer(request(filter)))
      const fresh = pictureOf(new LocalEngine(table).answer(request(filter)))
      expect(got).toEqual(fresh)
      modes.add(got.mode)
    }
    // Both kinds of frame were compared: bins for the busy sets, points for level 4 in one region.
    expect([...modes].sort()).toEqual(['bins', 'points'])
  })
})

describe('level splits made ahead', () => {
  it('answers every level change as an engine that saw only the last filter, with the splits made in idle time', () => {
    const warmed = new LocalEngine(table)
    // A level toggle keeps the other filters' values, as the store does.
    const region = { ...EMPTY_FILTER, regions: ['eastern-asia'] }
    const steps: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [1, 2, 3, 4] as ThreatLevel[] },
      { ...EMPTY_FILTER, levels: [2, 4] as ThreatLevel[] },
      region,
      { ...region, levels: [5] as ThreatLevel[] },
      { ...region, levels: [1, 2, 3] as ThreatLevel[] },
    ]
    const made: number[] = []
    for (const filter of steps) {
      const got = warmed.answer(request(filter))
      const fresh = new LocalEngine(table).answer(request(filter))
      expect(pictureOf(got)).toEqual(pictureOf(fresh))
      expect(got.gauges).toEqual(fresh.gauges)
      let count = 0
      while (warmed.warmLevelSplit()) count++
      made.push(count)
    }
    // After a first answer or another filter's change: the lanes' grid, the map's bins, the
    // gauges' tallies and the shading's windows and totals, each once. After a level change the
    // splits are made already: nothing left.
    expect(made).toEqual([5, 0, 0, 5, 0, 0])
  })
})
