import { ACTORS, CATEGORIES, MAP } from './view-bits.ts'
import type { EventTable } from '../../table-types.ts'

/** The per-(value, level) counts of the map, actors and categories (view-counts.ts Counts). */
export interface ValueLevels {
  readonly placeLevels: Uint32Array
  readonly actorLevels: Uint32Array
  readonly categoryLevels: Uint32Array
}

/**
 * Versions of the value counts that share one set of arrays, updated in place: a time-brush move
 * writes the few rows it changes into the arrays of the counts it started from instead of copying
 * them, and every earlier version stays readable. Baker's shallow binding (H. G. Baker, "Shallow
 * binding makes functional arrays fast", 1991): the arrays hold the current version; every other
 * version holds the rows that turn the version after it (`next`, towards the current one) into
 * itself. Reading a version (settle) undoes the rows along its path and reverses the links, so
 * going back to a kept filter state costs the rows changed since, and the states left stay
 * correct (seen-states.ts) without a copy each.
 *
 * Bounded: a family takes at most MAX_VERSIONS versions, then a move copies its arrays into a new
 * family, so an old version keeps at most that many moves' rows alive.
 */
export interface CountsVersion {
  readonly family: Family
  /** The version one step nearer the current one; null for the current one. */
  next: CountsVersion | null
  /** The rows that differ from `next`, each with its view bits here and in `next`. */
  rows: Uint32Array | null
  here: Uint8Array | null
  there: Uint8Array | null
}

interface Family {
  readonly table: EventTable
  readonly arrays: ValueLevels
  /** The place counts before the family's last move: what the tallies' patch reads (value-tallies.ts). */
  readonly placesBefore: Uint32Array
  current: CountsVersion
  versions: number
}

export const MAX_VERSIONS = 64

/**
 * The arrays of the family holding `version`, set to that version's counts. They change when
 * another version of the family is settled or made: read them before, never keep them.
 */
export function settle(version: CountsVersion): ValueLevels {
  const family = version.family
  if (family.current === version) return family.arrays
  const path: CountsVersion[] = []
  for (let v = version; v !== family.current; v = v.next!) path.push(v)
  // From the current version back to `version`, one step at a time: undo the step's rows and
  // point the link the other way.
  for (let k = path.length - 1; k >= 0; k--) {
    const step = path[k]!
    const after = step.next!
    applyRows(family.table, family.arrays, step.rows!, step.there!, step.here!)
    after.next = step
    after.rows = step.rows
    after.here = step.there
    after.there = step.here
    step.next = null
    step.rows = step.here = step.there = null
  }
  family.current = version
  return family.arrays
}

/**
 * The version after `from` (null: counts outside any family, `levels`), where `rows` go from view
 * bits `here` to `there`: written into `from`'s arrays, which `from` then reads through the undo
 * rows, or, for a family that is full or none, into copies in a new family. `rows`, `here` and
 * `there` are kept: the caller must not modify them after.
 */
export function nextVersion(
  table: EventTable,
  from: CountsVersion | null,
  levels: ValueLevels,
  rows: Uint32Array,
  here: Uint8Array,
  there: Uint8Array,
): CountsVersion {
  if (from !== null && from.family.versions < MAX_VERSIONS) {
    const family = from.family
    const arrays = settle(from)
    family.placesBefore.set(arrays.placeLevels)
    applyRows(table, arrays, rows, here, there)
    const version: CountsVersion = { family, next: null, rows: null, here: null, there: null }
    from.next = version
    from.rows = rows
    from.here = here
    from.there = there
    family.current = version
    family.versions++
    return version
  }
  const source = from === null ? levels : settle(from)
  const version = firstVersion(table, { placeLevels: source.placeLevels.slice(), actorLevels: source.actorLevels.slice(), categoryLevels: source.categoryLevels.slice() })
  const arrays = version.family.arrays
  version.family.placesBefore.set(source.placeLevels)
  applyRows(table, arrays, rows, here, there)
  return version
}

/**
 * The first version of a family holding `levels`' arrays themselves (not copies): the caller hands
 * them over, and must reach them through the version from then on (settle).
 */
export function firstVersion(table: EventTable, levels: ValueLevels): CountsVersion {
  const family: Family = { table, arrays: levels, placesBefore: new Uint32Array(levels.placeLevels.length), current: null!, versions: 1 }
  const version: CountsVersion = { family, next: null, rows: null, here: null, there: null }
  family.current = version
  return version
}

/** The place counts just before `version` was made (valid until the family's next move). */
export function placesBefore(version: CountsVersion): Uint32Array {
  return version.family.placesBefore
}

/** Adds to `arrays` each row's change of views from bits `from` to bits `to`. */
function applyRows(table: EventTable, arrays: ValueLevels, rows: Uint32Array, from: Uint8Array, to: Uint8Array): void {
  const { placeLevels, actorLevels, categoryLevels } = arrays
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { level, category, place } = table
  for (let i = 0; i < rows.length; i++) {
    const before = from[i]!
    const after = to[i]!
    if (before === after) continue
    const row = rows[i]!
    const li = level[row]! - 1
    placeLevels[place[row]! * 5 + li]! += ((after & MAP) >> 3) - ((before & MAP) >> 3)
    const dActor = ((after & ACTORS) >> 4) - ((before & ACTORS) >> 4)
    if (dActor !== 0) for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]! += dActor
    categoryLevels[category[row]! * 5 + li]! += ((after & CATEGORIES) >> 5) - ((before & CATEGORIES) >> 5)
  }
}
