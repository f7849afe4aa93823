import { describe, expect, it } from 'vitest'
import { cubeOf, type CellColumns, type PlaceRow } from '../../../../src/lib/clickhouse/cube.ts'
import { cubeWeeklyCounts } from '../../../../src/lib/clickhouse/cube-weekly.ts'

/**
 * Early warning's weekly counts from the tab's cube, checked by hand. Day 20094 is Monday
 * 6 January 2025, the first of the frame's three weeks (week 2871: (20094 + 3) / 7).
 */
const FRAME = { firstWeek: 2871, weeks: 3 }

const PLACES: PlaceRow[] = [
  ['fr', ['FR'], ['western-europe', 'europe'], []],
  ['de', ['DE'], ['western-europe', 'europe'], []],
  ['pl', ['PL'], ['eastern-europe', 'europe'], []],
]

// A week-grained daily cell in France (level 2): 2 events on Monday 6 January and 3 on Sunday the
// 12th; one German event (level 3) from Friday 10 to Friday 24 January, 14 days; a Polish
// daily cell three weeks before the frame.
const CELLS: CellColumns = {
  start_day: [20094, 20098, 20073],
  end_day: [20101, 20112, 20080],
  level: [2, 3, 1],
  category: ['protest', 'strike', 'protest'],
  place: ['fr', 'de', 'pl'],
  events: [5, 1, 4],
  daily: [1, 0, 1],
  days: [[0, 6], [], [2]],
  counts: [[2, 3], [], [4]],
}

const cube = cubeOf(CELLS, PLACES, 7)

function series(counts: ReturnType<typeof cubeWeeklyCounts>): Record<string, number[][]> {
  const round = (v: number): number => Math.round(v * 1e9) / 1e9
  return Object.fromEntries(
    counts.places.map((place, p) => [
      place,
      [Array.from(counts.counts.subarray(p * counts.weeks, (p + 1) * counts.weeks), round), Array.from(counts.weighted.subarray(p * counts.weeks, (p + 1) * counts.weeks), round)],
    ]),
  )
}

const r = (v: number): number => Math.round(v * 1e9) / 1e9

describe('weekly counts from the cube', () => {
  it('counts one-day events in their week and spreads a span over its days, each event weighted 2^(level − 1)', () => {
    // The span: 3 of its 14 days in the first week (Fri–Sun), 7 in the second, 4 in the third.
    expect(series(cubeWeeklyCounts(cube, 'country', FRAME))).toEqual({
      DE: [
        [r(3 / 14), 0.5, r(4 / 14)],
        [r(12 / 14), 2, r(16 / 14)],
      ],
      FR: [
        [5, 0, 0],
        [10, 0, 0],
      ],
    })
  })

  it('counts an event for each of its regions, and all events as one place; a place with no event in the frame is not named', () => {
    const both = [
      [r(5 + 3 / 14), 0.5, r(4 / 14)],
      [r(10 + 12 / 14), 2, r(16 / 14)],
    ]
    expect(series(cubeWeeklyCounts(cube, 'region', FRAME))).toEqual({ europe: both, 'western-europe': both })
    const all = cubeWeeklyCounts(cube, 'all', FRAME)
    expect(all.kind).toBe('region')
    expect(series(all)).toEqual({ all: both })
  })

  it('gives no places, and all events as zeros, for a frame the cube has no event in', () => {
    const later = { firstWeek: 2900, weeks: 2 }
    expect(cubeWeeklyCounts(cube, 'country', later).places).toEqual([])
    expect(series(cubeWeeklyCounts(cube, 'all', later))).toEqual({ all: [[0, 0], [0, 0]] })
  })
})
