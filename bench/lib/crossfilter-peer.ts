/**
 * crossfilter2 set up as the peer of our engine: one record per event, in our table's row order
 * (newest first, as our engine stores and scans them), with dimensions time (day), level,
 * region (array dimension), country, actor (array dimension) and category, each with
 * group().reduceCount(), plus a groupAll count. The dimensions' filters are what the bench sets.
 */
import crossfilter from 'crossfilter2'
import { DAY_MS } from '../../src/domain/dates.ts'
import type { EventTable } from '../../src/domain/table-types.ts'

export interface CfRecord {
  readonly day: number
  readonly level: number
  readonly country: number
  readonly regions: readonly number[]
  readonly actors: number[]
  readonly category: number
}

/** One record per row of `table`, in row order; country is the place set's first (-1 for none). */
export function crossfilterRecords(table: EventTable): CfRecord[] {
  const { regions, countries } = table.places
  const setRegions: number[][] = []
  const setCountry: number[] = []
  for (let s = 0; s < table.places.size; s++) {
    setRegions.push(Array.from(regions.values.subarray(regions.offsets[s]!, regions.offsets[s + 1]!)))
    setCountry.push(countries.offsets[s + 1]! > countries.offsets[s]! ? countries.values[countries.offsets[s]!]! : -1)
  }
  const { offsets, values } = table.actors
  const out = new Array<CfRecord>(table.size)
  for (let row = 0; row < table.size; row++) {
    const set = table.place[row]!
    out[row] = {
      day: Math.floor(table.startMs[row]! / DAY_MS),
      level: table.level[row]!,
      country: setCountry[set]!,
      regions: setRegions[set]!,
      actors: Array.from(values.subarray(offsets[row]!, offsets[row + 1]!)),
      category: table.category[row]!,
    }
  }
  return out
}

export type CfDimension = crossfilter.Dimension<CfRecord, number>

/** The peer index over `records`, and `readAll()`: what a dashboard reads after a change (every group, the count). */
export function crossfilterPeer(records: CfRecord[]): {
  readonly cf: crossfilter.Crossfilter<CfRecord>
  readonly dims: Record<'time' | 'level' | 'region' | 'country' | 'actor' | 'category', CfDimension>
  readAll(): number
} {
  const cf = crossfilter(records)
  const dims = {
    time: cf.dimension((r) => r.day),
    level: cf.dimension((r) => r.level),
    region: cf.dimension((r) => r.regions as number[], true),
    country: cf.dimension((r) => r.country),
    actor: cf.dimension((r) => r.actors, true),
    category: cf.dimension((r) => r.category),
  }
  const groups = Object.values(dims).map((d) => d.group().reduceCount())
  const all = cf.groupAll().reduceCount()
  return {
    cf,
    dims,
    readAll(): number {
      let sum = all.value() as number
      for (const g of groups) sum += g.all().length
      return sum
    },
  }
}
