import type { EventTable, MultiColumn } from '../../table-types.ts'
import { copiedInOne, zeroedInOne } from './one-buffer.ts'
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

const KEYS = ['countries', 'regions', 'actors', 'categories'] as const

/** The four tallies from their counts and highest levels, in KEYS order. */
function talliesOf(counts: readonly Uint32Array[], maxLevels: readonly Uint8Array[]): ValueTallies {
  const tally = (i: number): Tally => ({ counts: counts[i]!, maxLevel: maxLevels[i]! })
  return { countries: tally(0), regions: tally(1), actors: tally(2), categories: tally(3) }
}

/** Copies of the four tallies, over one buffer. */
function copyOf(t: ValueTallies): ValueTallies {
  const { words, bytes } = copiedInOne(
    KEYS.map((key) => t[key].counts),
    KEYS.map((key) => t[key].maxLevel),
  )
  return talliesOf(words, bytes)
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
    if (patch !== null) clear(patch.changed)
    return copyOf(made.tallies)
  } else if (patch !== null && before !== undefined && before.levels === levels && patchable(table, patch.rows)) {
    entry = patched(counts, patch.previous, selected, before, patch.changed)
  } else {
    const places = made?.places ?? spreadPlaces(counts.placeLevels, table)
    const levelsPerValue = [places.countries, places.regions, counts.actorLevels, counts.categoryLevels]
    const { words, bytes } = zeroedInOne(
      levelsPerValue.map((l) => l.length / 5),
      levelsPerValue.map((l) => l.length / 5),
    )
    levelsPerValue.forEach((l, i) => tallyLevels(l, selected, { counts: words[i]!, maxLevel: bytes[i]! }))
    entry = { levels, places, tallies: talliesOf(words, bytes) }
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
  const tallies = copyOf(before.tallies)
  const { countries, regions, actors, categories } = tallies
  resum(actors, counts.actorLevels, selected, changed.actors)
  resum(categories, counts.categoryLevels, selected, changed.categories)
  const [countryLevels, regionLevels] = copiedInOne([before.places.countries, before.places.regions]).words
  const places = { countries: countryLevels!, regions: regionLevels! }
  const countryFlags = flagsOf(table.places.countries)
  const regionFlags = flagsOf(table.places.regions)
  addSetChanges(places.countries, counts.placeLevels, previous.placeLevels, table.places.countries, changed.places, countryFlags)
  addSetChanges(places.regions, counts.placeLevels, previous.placeLevels, table.places.regions, changed.places, regionFlags)
  resum(countries, places.countries, selected, countryFlags)
  resum(regions, places.regions, selected, regionFlags)
  countryFlags.fill(0)
  regionFlags.fill(0)
  return { levels: before.levels, places, tallies }
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
  const { counts, maxLevel } = out
  for (let v = 0; v < changed.length; v++) if (changed[v] !== 0) sumValue(counts, maxLevel, levels, selected, v)
}

/**
 * Writes value `v`'s count and highest level (1–5, 0 for none) over the selected levels from its
 * per-level counts: the five read once, no branch per level.
 */
function sumValue(counts: Uint32Array, maxLevel: Uint8Array, levels: Uint32Array, selected: Uint8Array, v: number): void {
  const at = v * 5
  const c1 = levels[at]! * selected[0]!
  const c2 = levels[at + 1]! * selected[1]!
  const c3 = levels[at + 2]! * selected[2]!
  const c4 = levels[at + 3]! * selected[3]!
  const c5 = levels[at + 4]! * selected[4]!
  counts[v] = c1 + c2 + c3 + c4 + c5
  maxLevel[v] = c5 > 0 ? 5 : c4 > 0 ? 4 : c3 > 0 ? 3 : c2 > 0 ? 2 : c1 > 0 ? 1 : 0
}

/** Per-(value, level) counts of the countries and regions from per-(place set, level) counts, over one buffer. */
function spreadPlaces(placeLevels: Uint32Array, table: EventTable): PlaceLevels {
  const { countries, regions } = table.places
  const [countryLevels, regionLevels] = zeroedInOne([countries.dict.values.length * 5, regions.dict.values.length * 5]).words
  spreadLevels(placeLevels, countries, countryLevels!)
  spreadLevels(placeLevels, regions, regionLevels!)
  return { countries: countryLevels!, regions: regionLevels! }
}

/** Adds into `out` (per value of `column` and level, zeroed) the per-(place set, level) counts of each set's values. */
function spreadLevels(placeLevels: Uint32Array, column: MultiColumn, out: Uint32Array): void {
  const { offsets, values } = column
  const sets = placeLevels.length / 5
  for (let set = 0; set < sets; set++) {
    const from = set * 5
    const c1 = placeLevels[from]!
    const c2 = placeLevels[from + 1]!
    const c3 = placeLevels[from + 2]!
    const c4 = placeLevels[from + 3]!
    const c5 = placeLevels[from + 4]!
    // Many place sets have no event under the filters: nothing to add.
    if ((c1 | c2 | c3 | c4 | c5) === 0) continue
    for (let j = offsets[set]!, end = offsets[set + 1]!; j < end; j++) {
      const at = values[j]! * 5
      out[at]! += c1
      out[at + 1]! += c2
      out[at + 2]! += c3
      out[at + 3]! += c4
      out[at + 4]! += c5
    }
  }
}

/** Writes into `out` (zeroed) the count and highest level per value from per-(value, level) counts, over the selected levels. */
function tallyLevels(levels: Uint32Array, selected: Uint8Array, out: Tally): void {
  const { counts, maxLevel } = out
  for (let v = 0; v < counts.length; v++) sumValue(counts, maxLevel, levels, selected, v)
}
