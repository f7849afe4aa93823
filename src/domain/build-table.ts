import type { CountryCode, Dataset, RegionId, ThreatEvent } from './model.ts'
import { countryByCode, customRegions, regionsOfCountry, regionWithAncestors } from './regions.ts'
import { DictionaryBuilder, MultiColumnBuilder, PlaceSetBuilder, PRECISION_CODES, assembleTable } from './table.ts'
import { type EventTable } from './table-types.ts'
import { allocateRowColumns } from './table-order.ts'

/**
 * Every region an event belongs to: each explicit region with its ancestors, and every region
 * of each of its countries (sub-region, continent, alias regions such as the Middle East).
 */
export function regionExpander(dataset: Pick<Dataset, 'regions'>): (event: ThreatEvent) => RegionId[] {
  const custom = customRegions(dataset.regions)
  const byCountry = new Map<CountryCode, readonly RegionId[]>()
  const countryRegions = (code: CountryCode): readonly RegionId[] => {
    let list = byCountry.get(code)
    if (!list) {
      list = [...regionsOfCountry(code), ...custom.filter((r) => r.countries.includes(code)).map((r) => r.id)]
      byCountry.set(code, list)
    }
    return list
  }
  return (event) => {
    const out = new Set<RegionId>()
    for (const r of event.regions) for (const a of regionWithAncestors(r, dataset.regions)) out.add(a)
    for (const c of event.countries) for (const r of countryRegions(c)) out.add(r)
    return [...out]
  }
}

/** The centroid of the first known country, where an event without a location is drawn. */
export function centroidOf(countries: readonly CountryCode[]): [number, number] | null {
  for (const code of countries) {
    const info = countryByCode(code)
    if (info) return [info.latDeg, info.lonDeg]
  }
  return null
}

/** Builds the columnar table for a validated dataset. O(rows × values per row). */
export function buildEventTable(dataset: Dataset): EventTable {
  const events = dataset.events
  const n = events.length
  const { startMs, endMs, precision, level, latDeg, lonDeg, approximate } = allocateRowColumns(n)
  const category = new Uint32Array(n)
  const categories = new DictionaryBuilder([''])
  const place = new Uint32Array(n)
  const places = new PlaceSetBuilder()
  const actors = new MultiColumnBuilder(n, 2)
  const titles: string[] = new Array<string>(n)
  const expandRegions = regionExpander(dataset)

  for (let i = 0; i < n; i++) {
    const e = events[i]!
    startMs[i] = e.date.startMs
    endMs[i] = Math.max(e.date.endMs, e.endDate?.endMs ?? e.date.endMs)
    precision[i] = PRECISION_CODES.indexOf(e.date.precision)
    level[i] = e.threatLevel
    const point = e.location ? [e.location.latDeg, e.location.lonDeg] : centroidOf(e.countries)
    latDeg[i] = point ? point[0]! : NaN
    lonDeg[i] = point ? point[1]! : NaN
    approximate[i] = e.location ? 0 : 1
    category[i] = categories.code(e.category ?? '')
    place[i] = places.idFor(`${[...e.countries].sort().join(',')}|${[...e.regions].sort().join(',')}`, () => ({
      countries: e.countries,
      regions: expandRegions(e),
      named: e.regions,
    }))
    actors.pushRow(e.actors.map((a) => a.name))
    titles[i] = e.title
  }

  const columns = { size: n, startMs, endMs, precision, level, latDeg, lonDeg, approximate, category, titles }
  return assembleTable(
    { ...columns, categories: categories.build(), place, places: places.build(), actors: actors.build() },
    (_, _row, inputRow) => events[inputRow]!,
  )
}
