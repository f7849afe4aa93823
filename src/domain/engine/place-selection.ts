import type { RegionDef } from '../model.ts'
import { lookupRegion } from '../regions.ts'
import type { FilterSpec } from './filter-spec.ts'

/**
 * The countries the place filters select: the selected countries and every country of each
 * selected region; null when no place filter is set. A region the reference does not know
 * (a dataset's own, not passed in `custom`) adds no country.
 */
export function selectedCountries(filter: Pick<FilterSpec, 'regions' | 'countries'>, custom: readonly RegionDef[]): ReadonlySet<string> | null {
  if (filter.regions.length === 0 && filter.countries.length === 0) return null
  const out = new Set<string>(filter.countries)
  for (const id of filter.regions) for (const code of lookupRegion(id, custom)?.countries ?? []) out.add(code)
  return out
}

/**
 * Whether a region belongs beside a place selection: it is selected itself, or shares a country
 * with it (Europe beside Eastern Europe, not Africa). Every region belongs when nothing is selected.
 */
export function regionTouchesSelection(
  regionId: string,
  filter: Pick<FilterSpec, 'regions' | 'countries'>,
  selection: ReadonlySet<string> | null,
  custom: readonly RegionDef[],
): boolean {
  if (selection === null || filter.regions.includes(regionId)) return true
  return (lookupRegion(regionId, custom)?.countries ?? []).some((code) => selection.has(code))
}
