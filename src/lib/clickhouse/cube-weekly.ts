import { weekStartMs } from '../../domain/warning/weeks.ts'
import { addRow, type WeeklyCounts } from '../../domain/warning/weekly-counts.ts'
import { forEachSpan, type Cube } from './cube.ts'

/**
 * Early warning's weekly counts of all events, of each country and of each region, from the cube
 * the tab holds for the whole table (no text or actor filter) instead of three more passes of the
 * warehouse over every row. The cube keeps each event's day span, level and place set, which is
 * all the weekly counts read: one-day events per day (a daily cell's slots), longer ones with
 * their span, spread over its days as the timeline spreads them (`addRow`, as the tab's own
 * counts and remote-weekly.ts's groups). Places are those with an event in the frame, sorted, as
 * the warehouse's groups name them.
 */
export function cubeWeeklyCounts(cube: Cube, kind: 'all' | 'country' | 'region', frame: { readonly firstWeek: number; readonly weeks: number }): WeeklyCounts {
  const { firstWeek, weeks } = frame
  const fromMs = weekStartMs(firstWeek)
  const toMs = weekStartMs(firstWeek + weeks)
  const { places } = cube
  const values = kind === 'country' ? places.countryValues : places.regionValues
  const setsOf = kind === 'country' ? places.countries : places.regions
  // A cell's events count for each place of its set (none for a set without one); all events for the one place of `all`.
  const codesOf = (cell: number): ArrayLike<number> => (kind === 'all' ? ALL : setsOf[cube.place[cell]!]!)
  const inFrame = (cell: number): boolean => {
    let any = false
    forEachSpan(cube, cell, (startMs, endMs) => {
      if (endMs > fromMs && startMs < toMs) any = true
    })
    return any
  }
  const used = new Uint8Array(kind === 'all' ? 1 : values.length)
  for (let i = 0; i < cube.size; i++) {
    if (!inFrame(i)) continue
    const codes = codesOf(i)
    for (let c = 0; c < codes.length; c++) used[codes[c]!] = 1
  }
  // Sorted as countsOfGroups sorts the warehouse's places (by UTF-16 code units).
  const sorted = kind === 'all' ? ['all'] : values.filter((_, code) => used[code] === 1).sort()
  const rank = new Map(sorted.map((name, i) => [name, i]))
  const indexOfCode = kind === 'all' ? Int32Array.of(0) : Int32Array.from(values, (name, code) => (used[code] === 1 ? rank.get(name)! : -1))
  const counts = new Float64Array(Math.max(1, sorted.length) * weeks)
  const weighted = new Float64Array(Math.max(1, sorted.length) * weeks)
  for (let i = 0; i < cube.size; i++) {
    const codes = codesOf(i)
    if (codes.length === 0) continue
    const weight = 2 ** (cube.level[i]! - 1)
    forEachSpan(cube, i, (startMs, endMs, n) => {
      if (!(endMs > fromMs && startMs < toMs)) return
      for (let c = 0; c < codes.length; c++) {
        const base = indexOfCode[codes[c]!]! * weeks
        addRow(counts, base, firstWeek, weeks, startMs, endMs, n)
        addRow(weighted, base, firstWeek, weeks, startMs, endMs, n * weight)
      }
    })
  }
  if (kind === 'all') return { kind: 'region', firstWeek, weeks, places: ['all'], counts, weighted }
  return { kind, firstWeek, weeks, places: sorted, counts: sorted.length > 0 ? counts : new Float64Array(0), weighted: sorted.length > 0 ? weighted : new Float64Array(0) }
}

const ALL = [0]

