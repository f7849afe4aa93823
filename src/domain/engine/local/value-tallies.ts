import type { EventTable, MultiColumn } from '../../table-types.ts'
import type { Counts } from './view-counts.ts'

/** Counts and highest level per value of a dictionary column. */
export interface Tally {
  readonly counts: Uint32Array
  readonly maxLevel: Uint8Array
}

/** The tallies of the views for one set of selected levels: per country, region, actor and category. */
export interface ValueTallies {
  readonly countries: Tally
  readonly regions: Tally
  readonly actors: Tally
  readonly categories: Tally
}

/**
 * The place sets, actors and categories whose per-level counts an update of the counts may have
 * changed: 1 where it may have (deltaCounts marks every value of every row whose views changed).
 */
export interface ChangedValues {
  readonly places: Uint8Array
  readonly actors: Uint8Array
  readonly categories: Uint8Array
}

// Each table's flags, cleared once read (valueTallies): one set per table, as one update is
// finished before the next starts.
const scratch = new WeakMap<EventTable, ChangedValues>()

/** The table's change flags, all 0, for the next update of its counts to mark. */
export function noChangedValues(table: EventTable): ChangedValues {
  let flags = scratch.get(table)
  if (flags === undefined) {
    flags = {
      places: new Uint8Array(table.places.size),
      actors: new Uint8Array(table.actors.dict.values.length),
      categories: new Uint8Array(table.categories.values.length),
    }
    scratch.set(table, flags)
  }
  return flags
}

function tally(size: number): { counts: Uint32Array; maxLevel: Uint8Array } {
  return { counts: new Uint32Array(size), maxLevel: new Uint8Array(size) }
}

function copyOf(t: Tally): Tally {
  return { counts: t.counts.slice(), maxLevel: t.maxLevel.slice() }
}

/** A bit per selected level (index level - 1). */
function levelBits(selected: Uint8Array): number {
  let bits = 0
  for (let l = 0; l < 5; l++) bits |= selected[l]! << l
  return bits
}

/** Per-(value, level) counts of the countries and regions, spread from the place sets' counts. */
interface PlaceLevels {
  readonly countries: Uint32Array
  readonly regions: Uint32Array
}

// The tallies last made from each kept count array (counts are never modified once made), with
// the levels they were made for, and the countries' and regions' per-level counts: what the next
// update patches instead of summing every value again. Tallies are handed out once; readers
// never modify views, and a second reader gets copies.
interface Made {
  readonly levels: number
  readonly tallies: ValueTallies
  readonly places: PlaceLevels
}
const kept = new WeakMap<Uint32Array, Made>()

/** The entry kept for all three of `counts`' arrays, if one is. */
function madeFor(counts: Counts): Made | undefined {
  const made = kept.get(counts.placeLevels)
  return made !== undefined && kept.get(counts.actorLevels) === made && kept.get(counts.categoryLevels) === made ? made : undefined
}

/** What changed since the counts a delta started from: the flagged values, from `rows` rows. */
export interface TallyPatch {
  readonly previous: Counts
  readonly changed: ChangedValues
  readonly rows: number
}

/**
 * Whether tallies are patched after `rows` rows changed: past half as many rows as values
 * (actors, place sets and categories), most values change, and summing every value costs less
 * than the flags and copies of a patch (a 30-day move at 100k: 1,483 rows, 551 of 1,494 actors).
 */
export function patchable(table: EventTable, rows: number): boolean {
  return rows * 2 < table.actors.dict.values.length + table.places.size + table.categories.values.length
}

/**
 * The tallies of `counts` over the selected levels. When `patch` says which values changed since
 * `patch.previous` (whose tallies for the same levels are kept), only those are summed again
 * (crossfilter's groups are kept up to date the same way); else every value is (see patchable).
 * Cost: O(changed values and place sets) and a copy of each tally, or O(values × 5).
 */
export function valueTallies(
  table: EventTable,
  counts: Counts,
  selected: Uint8Array,
  patch: TallyPatch | null,
): ValueTallies {
  const levels = levelBits(selected)
  const made = madeFor(counts)
  const before = patch === null ? undefined : madeFor(patch.previous)
  let entry: Made
  if (made !== undefined && made.levels === levels) {
    const t = made.tallies
    if (patch !== null) clear(patch.changed)
    return { countries: copyOf(t.countries), regions: copyOf(t.regions), actors: copyOf(t.actors), categories: copyOf(t.categories) }
  } else if (patch !== null && before !== undefined && before.levels === levels && patchable(table, patch.rows)) {
    entry = patched(counts, patch.previous, selected, before, patch.changed)
  } else {
    const places = made?.places ?? {
      countries: spreadLevels(counts.placeLevels, table.places.countries),
      regions: spreadLevels(counts.placeLevels, table.places.regions),
    }
    entry = {
      levels,
      places,
      tallies: {
        countries: tallyLevels(places.countries, selected),
        regions: tallyLevels(places.regions, selected),
        actors: tallyLevels(counts.actorLevels, selected),
        categories: tallyLevels(counts.categoryLevels, selected),
      },
    }
  }
  if (patch !== null) clear(patch.changed)
  kept.set(counts.placeLevels, entry)
  kept.set(counts.actorLevels, entry)
  kept.set(counts.categoryLevels, entry)
  return entry.tallies
}

function clear(changed: ChangedValues): void {
  changed.places.fill(0)
  changed.actors.fill(0)
  changed.categories.fill(0)
}

/** `before` (made for `previous`) with the changed values summed again from `counts`. */
function patched(counts: Counts, previous: Counts, selected: Uint8Array, before: Made, changed: ChangedValues): Made {
  const { table } = counts
  const actors = copyOf(before.tallies.actors)
  resum(actors, counts.actorLevels, selected, changed.actors)
  const categories = copyOf(before.tallies.categories)
  resum(categories, counts.categoryLevels, selected, changed.categories)
  const places = { countries: before.places.countries.slice(), regions: before.places.regions.slice() }
  const countries = copyOf(before.tallies.countries)
  const regions = copyOf(before.tallies.regions)
  const countryFlags = flagsOf(table.places.countries)
  const regionFlags = flagsOf(table.places.regions)
  addSetChanges(places.countries, counts.placeLevels, previous.placeLevels, table.places.countries, changed.places, countryFlags)
  addSetChanges(places.regions, counts.placeLevels, previous.placeLevels, table.places.regions, changed.places, regionFlags)
  resum(countries, places.countries, selected, countryFlags)
  resum(regions, places.regions, selected, regionFlags)
  countryFlags.fill(0)
  regionFlags.fill(0)
  return { levels: before.levels, places, tallies: { countries, regions, actors, categories } }
}

// A flag per value of a place column (countries, regions), 0 between patches. Per column.
const placeFlags = new WeakMap<MultiColumn, Uint8Array>()

function flagsOf(column: MultiColumn): Uint8Array {
  let flags = placeFlags.get(column)
  if (flags === undefined) placeFlags.set(column, (flags = new Uint8Array(column.dict.values.length)))
  return flags
}

/**
 * Adds to `valueLevels` (per value of `column` and level) each flagged place set's change from
 * `oldLevels` to `newLevels` (per set and level), and flags in `touched` the values that changed.
 */
function addSetChanges(valueLevels: Uint32Array, newLevels: Uint32Array, oldLevels: Uint32Array, column: MultiColumn, changedSets: Uint8Array, touched: Uint8Array): void {
  const { offsets, values } = column
  for (let s = 0; s < changedSets.length; s++) {
    if (changedSets[s] === 0) continue
    for (let l = 0; l < 5; l++) {
      const d = newLevels[s * 5 + l]! - oldLevels[s * 5 + l]!
      if (d === 0) continue
      for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
        const v = values[j]!
        valueLevels[v * 5 + l]! += d
        touched[v] = 1
      }
    }
  }
}

/** Sums again, into `out`, each value flagged in `changed` from its per-level counts. */
function resum(out: Tally, levels: Uint32Array, selected: Uint8Array, changed: Uint8Array): void {
  for (let v = 0; v < changed.length; v++) {
    if (changed[v] === 0) continue
    let count = 0
    let max = 0
    for (let l = 0; l < 5; l++) {
      const c = levels[v * 5 + l]! * selected[l]!
      if (c > 0) {
        count += c
        max = l + 1
      }
    }
    out.counts[v] = count
    out.maxLevel[v] = max
  }
}

/** Per-(value, level) counts of a place column (countries or regions) from per-(place set, level) counts. */
function spreadLevels(placeLevels: Uint32Array, column: MultiColumn): Uint32Array {
  const out = new Uint32Array(column.dict.values.length * 5)
  const sets = placeLevels.length / 5
  for (let set = 0; set < sets; set++) {
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) {
      const at = column.values[j]! * 5
      for (let l = 0; l < 5; l++) out[at + l]! += placeLevels[set * 5 + l]!
    }
  }
  return out
}

/** Counts and highest level per value from per-(value, level) counts, over the selected levels. */
function tallyLevels(levels: Uint32Array, selected: Uint8Array): Tally {
  const out = tally(levels.length / 5)
  for (let v = 0; v < out.counts.length; v++) {
    for (let l = 0; l < 5; l++) {
      const c = levels[v * 5 + l]! * selected[l]!
      if (c > 0) {
        out.counts[v]! += c
        out.maxLevel[v] = l + 1
      }
    }
  }
  return out
}
