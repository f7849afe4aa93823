/**
 * The words under each panel's title: which places and actors it is narrowed to, and which
 * window its index covers. Plain text, so that a panel, a screen reader and an export caption
 * say the same thing.
 */
import { dayLabel } from './date-labels.ts'
import { DAY_MS } from './dates.ts'
import type { FilterSpec } from './engine/filter-spec.ts'
import type { IndexWindow } from './engine/views-engine.ts'
import type { RegionDef } from './model.ts'
import { lookupCountry, lookupRegion } from './regions.ts'

/**
 * The index window in words: "1 Apr 2022 – 31 Jan 2025" for a time range, "30 days to 31 Jan 2025"
 * for the rolling window. Ends are exclusive, so the last day named is the one before the end.
 */
export function describeIndexWindow(window: IndexWindow): string {
  const last = dayLabel(window.toMs - 1)
  if (window.byRange) return `${dayLabel(window.fromMs)} – ${last}`
  const days = Math.round((window.toMs - window.fromMs) / DAY_MS)
  return `${days} ${days === 1 ? 'day' : 'days'} to ${last}`
}

/** The names of a list, the first `shown` and "+N more": "Eastern Europe, Sahel +2 more". */
function names(list: readonly string[], shown = 2): string {
  const head = list.slice(0, shown).join(', ')
  return list.length > shown ? `${head} +${list.length - shown} more` : head
}

/**
 * The places and actors the dashboard is narrowed to, by name: "Eastern Europe · Wagner Group";
 * "" when no place or actor filter is set. `except` leaves out a panel's own selection, which the
 * panel shows as a selection rather than as a narrowing.
 */
export function describeScope(
  filter: Pick<FilterSpec, 'regions' | 'countries' | 'actors'>,
  custom: readonly RegionDef[],
  except: readonly ('regions' | 'countries' | 'actors')[] = [],
): string {
  const parts: string[] = []
  const places = [
    ...(except.includes('regions') ? [] : filter.regions.map((id) => lookupRegion(id, custom)?.name ?? id)),
    ...(except.includes('countries') ? [] : filter.countries.map((code) => lookupCountry(code)?.name ?? code)),
  ]
  if (places.length > 0) parts.push(names(places))
  if (!except.includes('actors') && filter.actors.length > 0) parts.push(names(filter.actors))
  return parts.join(' · ')
}

/** "Highest level, 1 Apr 2022 – 31 Jan 2025 · Eastern Europe": what a scored panel shows. */
export function describeScored(measure: string, window: IndexWindow, scope: string): string {
  return [`${measure}, ${describeIndexWindow(window)}`, scope].filter((s) => s !== '').join(' · ')
}
