import { DAY_MS } from '../../dates.ts'
import { rowEndDay, timelineFrame } from './day-index.ts'
import { dayRuns, SPREAD } from './day-runs.ts'
import { DIM } from './mask.ts'
import { copiedInOne } from './one-buffer.ts'
import { rowKeys, type RowKeys } from './row-keys.ts'
import type { ChangedValues } from './value-tallies.ts'
import type { EventTable } from '../../table-types.ts'

/**
 * Per-(value, level) counts behind the views, kept so that the next filter change can update
 * them. The level filter is left out of every count: a row counts for a view when every filter
 * but that view's own and the level filter passes, split by its level, and the level filter is
 * applied when the views are read (views.ts sums only the selected levels). A row's level bit
 * depends on its level alone, so a level toggle changes no count at all.
 * Timeline index: day * 5 + (level - 1); the others: value * 5 + (level - 1).
 */
export interface Counts {
  readonly table: EventTable
  /** Rows per level (index 1–5) passing every filter but the level filter. */
  readonly levelCounts: Uint32Array
  readonly exact: Float64Array
  readonly spreadDiff: Float64Array
  readonly placeLevels: Uint32Array
  readonly actorLevels: Uint32Array
  readonly categoryLevels: Uint32Array
  /** The matching rows, newest first, once the views are finished. */
  matchedRows: Uint32Array | null
}

function emptyCounts(table: EventTable, days: number): Counts {
  return {
    table,
    levelCounts: new Uint32Array(6),
    exact: new Float64Array(days * 5),
    spreadDiff: new Float64Array((days + 1) * 5),
    placeLevels: new Uint32Array(table.places.size * 5),
    actorLevels: new Uint32Array(table.actors.dict.values.length * 5),
    categoryLevels: new Uint32Array(table.categories.values.length * 5),
    matchedRows: null,
  }
}

/**
 * Adds `delta` events of level index `li` to the timeline for a row starting at `startMs` and
 * ending (exclusive) at `endMs`: to its day when it covers at most one, else spread evenly over
 * its days (a share of 1 / its length in days each), clipped to the frame. Rows outside the
 * frame, or with a date that is not a number, are not drawn.
 */
export function countDay(
  exact: Float64Array,
  spreadDiff: Float64Array,
  firstDay: number,
  days: number,
  startMs: number,
  endMs: number,
  li: number,
  delta: number,
): void {
  const d0 = Math.floor(startMs / DAY_MS) - firstDay
  const d1 = rowEndDay(startMs, endMs) - firstDay
  if (d1 - d0 === 1) {
    if (d0 >= 0 && d0 < days) exact[d0 * 5 + li]! += delta
    return
  }
  const a = Math.max(0, d0)
  const b = Math.min(days, d1)
  if (!(b > a)) return
  const share = delta / (d1 - d0)
  spreadDiff[a * 5 + li]! += share
  spreadDiff[b * 5 + li]! -= share
}

// The views a row counts for, by its mask byte: bit 1 the level view (and matched), 4 the
// timeline, 8 the map (regions and countries), 16 the actors, 32 the categories. The level bit
// is ignored (see Counts).
const LEVELS = 1
const TIMELINE = 4
const MAP = 8
const ACTORS = 16
const CATEGORIES = 32
const EVERY_VIEW = LEVELS | TIMELINE | MAP | ACTORS | CATEGORIES

/** The views of each mask byte but `keepViews`, counting none for a byte with any of `skipBits` set. */
function viewBitsOf(skipBits: number, keepViews: number): Uint8Array {
  const out = new Uint8Array(256)
  const geoBits = DIM.region | DIM.country
  for (let mask = 0; mask < 256; mask++) {
    const m = mask & ~DIM.level
    if ((mask & skipBits) !== 0) continue
    out[mask] =
      (m === 0 ? LEVELS : 0) |
      ((m & ~DIM.time) === 0 ? TIMELINE : 0) |
      ((m & ~geoBits) === 0 ? MAP : 0) |
      ((m & ~DIM.actor) === 0 ? ACTORS : 0) |
      ((m & ~DIM.category) === 0 ? CATEGORIES : 0)
    out[mask] = out[mask]! & ~keepViews
  }
  return out
}

const VIEW_BITS = viewBitsOf(0, 0)
const viewBitsBySkip = new Map<number, Uint8Array>([[0, VIEW_BITS]])

function viewBitsSkipping(skipBits: number, keepViews: number): Uint8Array {
  const key = skipBits | (keepViews << 8)
  let table = viewBitsBySkip.get(key)
  if (table === undefined) viewBitsBySkip.set(key, (table = viewBitsOf(skipBits, keepViews)))
  return table
}

/** The views that ignore filter `bit`: their counts do not change when only that filter does. */
function ownViews(bit: number): number {
  return (bit === DIM.time ? TIMELINE : 0) | ((bit & (DIM.region | DIM.country)) !== 0 ? MAP : 0) | (bit === DIM.actor ? ACTORS : 0) | (bit === DIM.category ? CATEGORIES : 0)
}

/**
 * Counts from scratch: one pass over every row. Rows with any of `skipBits` set are left out of
 * every count, and the views in `keepViews` are not counted (their arrays are not to be read), for
 * recountedCounts; without them the pass counts every row for every view. Through the table's
 * row keys (row-keys.ts) when it has them, else row by row: the same counts either way.
 */
export function fullCounts(table: EventTable, mask: Uint8Array, skipBits = 0, keepViews = 0): Counts {
  const keys = rowKeys(table)
  return keys === null ? countsByRow(table, mask, skipBits, keepViews) : countsByKeys(table, mask, skipBits, keepViews, keys)
}

/** fullCounts row by row: each row adds to its level, place set, category and every actor's count. */
export function countsByRow(table: EventTable, mask: Uint8Array, skipBits = 0, keepViews = 0): Counts {
  const { firstDay, days } = timelineFrame(table)
  const counts = emptyCounts(table, days)
  const { levelCounts, exact, spreadDiff, placeLevels, actorLevels, categoryLevels } = counts
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { level, category, place, startMs, endMs } = table
  const viewBits = viewBitsSkipping(skipBits, keepViews)
  const everyView = EVERY_VIEW & ~keepViews
  // Rows come in runs the timeline counts on one day (day-runs.ts), so a row on one day adds to
  // that day without its dates being read; the rows of a SPREAD run are counted by countDay.
  const runs = dayRuns(table)
  const runStarts = runs.starts
  const runDays = runs.dayAt
  // A row counts towards a view when every filter but that view's own (and the level filter)
  // passes (VIEW_BITS); a row failing two or more other filters counts nowhere (except the
  // map's, which ignores region and country together) and is skipped first. Most rows of a
  // narrowed view are skipped here; a row counting everywhere takes no further test.
  for (let run = 0; run < runDays.length; run++) {
    const dayAt = runDays[run]!
    const to = runStarts[run + 1]!
    for (let row = runStarts[run]!; row < to; row++) {
      const views = viewBits[mask[row]!]!
      if (views === 0) continue
      const li = level[row]! - 1
      if ((views & TIMELINE) !== 0) {
        if (dayAt !== SPREAD) exact[dayAt + li]!++
        else countDay(exact, spreadDiff, firstDay, days, startMs[row]!, endMs[row]!, li, 1)
      }
      if (views === everyView) {
        levelCounts[li + 1]!++
        placeLevels[place[row]! * 5 + li]!++
        for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]!++
        categoryLevels[category[row]! * 5 + li]!++
        continue
      }
      if ((views & MAP) !== 0) placeLevels[place[row]! * 5 + li]!++
      if ((views & ACTORS) !== 0) {
        for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]!++
      }
      if ((views & CATEGORIES) !== 0) categoryLevels[category[row]! * 5 + li]!++
    }
  }
  return counts
}

/**
 * fullCounts through the row keys: each row adds 1 to its (cell, level) in the histogram of the
 * views it counts for besides the timeline, and to its (second actor, level); the histograms,
 * a few thousand entries, are then spread over the views' counts. The same counts as
 * countsByRow (integers, so the order of the additions does not matter; the timeline is counted
 * as there, row by row).
 */
export function countsByKeys(table: EventTable, mask: Uint8Array, skipBits: number, keepViews: number, keys: RowKeys): Counts {
  const { firstDay, days } = timelineFrame(table)
  const counts = emptyCounts(table, days)
  const { spreadDiff, actorLevels } = counts
  const { level, startMs, endMs } = table
  const { cell, moreActors } = keys
  const viewBits = viewBitsSkipping(skipBits, keepViews)
  // Second actors only when some row counts for the actors: else every row would add to the
  // same never-read entry, each addition waiting for the one before.
  const second = (keepViews & ACTORS) === 0 ? keys.second : null
  const plan = histogramPlan(viewBits, keys.cellPlace.length * 5)
  const { slotAt, secondOn, timeOn } = plan
  const cellLevels = new Uint32Array(plan.slotViews.length * keys.cellPlace.length * 5)
  // Index 0–4 (no second actor, or the actors not counted) is never read.
  const secondLevels = new Uint32Array(actorLevels.length + 5)
  // The timeline's day counts, then five slots (one per level) that take the rows not counted
  // for the timeline: every row adds somewhere, so the loop below has no branch per row.
  const dump = days * 5
  const exactAndDump = new Float64Array(dump + 5)
  const runs = dayRuns(table)
  const runStarts = runs.starts
  const runDays = runs.dayAt
  // Most rows counted nowhere (a recount after a narrow pick): a test that skips them is well
  // predicted and skips the most work.
  const skipping = mostCountNowhere(mask, skipBits, keepViews)
  for (let run = 0; run < runDays.length; run++) {
    const dayAt = runDays[run]!
    const to = runStarts[run + 1]!
    if (dayAt === SPREAD || skipping) {
      for (let row = runStarts[run]!; row < to; row++) {
        const byte = mask[row]!
        const views = viewBits[byte]!
        if (views === 0) continue
        const li = level[row]! - 1
        if ((views & TIMELINE) !== 0) {
          if (dayAt !== SPREAD) exactAndDump[dayAt + li]!++
          else countDay(exactAndDump, spreadDiff, firstDay, days, startMs[row]!, endMs[row]!, li, 1)
        }
        cellLevels[slotAt[byte]! + cell[row]! * 5 + li]!++
        if (second !== null) secondLevels[(second[row]! & secondOn[byte]!) * 5 + li]!++
      }
      continue
    }
    // A row counted nowhere adds to slot 0 of the histograms and to the dump: adding there costs
    // less than the misprediction of a test that splits rows unpredictably (a region filter).
    const dumpDiff = dump - dayAt
    for (let row = runStarts[run]!; row < to; row++) {
      const byte = mask[row]!
      const li = level[row]! - 1
      exactAndDump[dayAt + (dumpDiff & ~timeOn[byte]!) + li]!++
      cellLevels[slotAt[byte]! + cell[row]! * 5 + li]!++
      if (second !== null) secondLevels[(second[row]! & secondOn[byte]!) * 5 + li]!++
    }
  }
  counts.exact.set(exactAndDump.subarray(0, dump))
  spreadCells(counts, keys, cellLevels, plan.slotViews)
  for (let i = 0; i < actorLevels.length; i++) actorLevels[i]! += secondLevels[i + 5]!
  // Actors past the second, for the few rows that have them.
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  for (let k = 0; k < moreActors.length; k++) {
    const row = moreActors[k]!
    if ((viewBits[mask[row]!]! & ACTORS) === 0) continue
    const li = level[row]! - 1
    for (let j = actorOffsets[row]! + 2, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]!++
  }
  return counts
}

/**
 * Whether more than half the rows count for no view of a pass (countsByKeys' `skipBits` and
 * `keepViews`), judged from every SAMPLE_STRIDE-th row: which of its two loops it takes.
 */
export function mostCountNowhere(mask: Uint8Array, skipBits: number, keepViews: number): boolean {
  const viewBits = viewBitsSkipping(skipBits, keepViews)
  let nowhere = 0
  let sampled = 0
  for (let row = 0; row < mask.length; row += SAMPLE_STRIDE) {
    nowhere += viewBits[mask[row]!]! === 0 ? 1 : 0
    sampled++
  }
  return nowhere * 2 > sampled
}

const SAMPLE_STRIDE = 61

/**
 * Where a row of each mask byte adds in the cell histograms: one histogram (`slice` entries) per
 * set of views besides the timeline that a byte counts for (every view, the map alone, the
 * actors alone, the categories alone), and the first, never read, for bytes that count for none
 * of them; whether its second actor counts (−1) or not (0); and whether it counts for the timeline (−1) or not (0).
 */
function histogramPlan(viewBits: Uint8Array, slice: number): { slotAt: Int32Array; secondOn: Int32Array; timeOn: Int32Array; slotViews: number[] } {
  const slotViews = [0]
  const slotAt = new Int32Array(256)
  const secondOn = new Int32Array(256)
  const timeOn = new Int32Array(256)
  for (let byte = 0; byte < 256; byte++) {
    const views = viewBits[byte]! & ~TIMELINE
    let slot = slotViews.indexOf(views)
    if (slot < 0) slot = slotViews.push(views) - 1
    slotAt[byte] = slot * slice
    secondOn[byte] = (views & ACTORS) !== 0 ? -1 : 0
    timeOn[byte] = (viewBits[byte]! & TIMELINE) !== 0 ? -1 : 0
  }
  return { slotAt, secondOn, timeOn, slotViews }
}

/** Adds each histogram's (cell, level) counts to the counts of its views: levels, place set, first actor, category. */
function spreadCells(counts: Counts, keys: RowKeys, cellLevels: Uint32Array, slotViews: readonly number[]): void {
  const { levelCounts, placeLevels, actorLevels, categoryLevels } = counts
  const { cellPlace, cellCategory, cellActor } = keys
  const cells = cellPlace.length
  for (let slot = 1; slot < slotViews.length; slot++) {
    const views = slotViews[slot]!
    const base = slot * cells * 5
    for (let c = 0; c < cells; c++) {
      const at = base + c * 5
      const placeAt = cellPlace[c]! * 5
      const categoryAt = cellCategory[c]! * 5
      const actorAt = (views & ACTORS) !== 0 && cellActor[c]! > 0 ? (cellActor[c]! - 1) * 5 : -1
      for (let li = 0; li < 5; li++) {
        const k = cellLevels[at + li]!
        if (k === 0) continue
        if ((views & LEVELS) !== 0) levelCounts[li + 1]! += k
        if ((views & MAP) !== 0) placeLevels[placeAt + li]! += k
        if (actorAt >= 0) actorLevels[actorAt + li]! += k
        if ((views & CATEGORIES) !== 0) categoryLevels[categoryAt + li]! += k
      }
    }
  }
}

/**
 * Counts after one filter changed (filter bit `bit`), in one pass over every row: the views that
 * ignore that filter are the previous ones and are not counted again (for a country filter
 * cleared, the rows counting only for the map are skipped). Every other view counts only rows
 * that pass the filter, so the pass skips every row failing it, whichever way the filter moved:
 * cheaper than taking the touched rows out one by one when a narrow pick (one country, a word)
 * turns most rows away, and a first time brush counts only the rows brushed.
 */
export function recountedCounts(table: EventTable, mask: Uint8Array, bit: number, previous: Counts): Counts {
  const kept = ownViews(bit)
  const fresh = fullCounts(table, mask, bit, kept)
  return {
    ...fresh,
    exact: (kept & TIMELINE) !== 0 ? previous.exact : fresh.exact,
    spreadDiff: (kept & TIMELINE) !== 0 ? previous.spreadDiff : fresh.spreadDiff,
    placeLevels: (kept & MAP) !== 0 ? previous.placeLevels : fresh.placeLevels,
    actorLevels: (kept & ACTORS) !== 0 ? previous.actorLevels : fresh.actorLevels,
    categoryLevels: (kept & CATEGORIES) !== 0 ? previous.categoryLevels : fresh.categoryLevels,
  }
}

// The one entry the marks go to when deltaCounts is given no flags.
const NO_FLAGS = new Uint8Array(1)

/**
 * Counts for `mask` from the counts of `parent`: each row whose views changed is taken out and
 * put back in. Visits the `touched` rows alone (every row whose byte may differ). `bits`: the
 * filter bits (mask.ts DIM) of every filter that changed between the two. Flags in `changed`, when
 * given, the place set, actors and category of each row whose views changed (their tallies are
 * then summed again, value-tallies.ts).
 */
export function deltaCounts(
  table: EventTable,
  parent: Uint8Array,
  mask: Uint8Array,
  touched: Uint32Array,
  previous: Counts,
  bits: number,
  changed: ChangedValues | null,
): Counts {
  const { firstDay, days } = timelineFrame(table)
  const [levelCounts, placeLevels, actorLevels, categoryLevels] = copiedInOne([previous.levelCounts, previous.placeLevels, previous.actorLevels, previous.categoryLevels]).words as [Uint32Array, Uint32Array, Uint32Array, Uint32Array]
  // The timeline's arrays are the largest (days × 5 each), and when only the time (or level)
  // filter changed, as in a time-brush move, no row's timeline count changes (the timeline
  // ignores both): they are then shared with the previous counts, which are never modified.
  const sharesTimeline = (bits & ~(DIM.time | DIM.level)) === 0
  const exact = sharesTimeline ? previous.exact : previous.exact.slice()
  const spreadDiff = sharesTimeline ? previous.spreadDiff : previous.spreadDiff.slice()
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { level, category, place, startMs, endMs } = table
  // Without flags to mark, the rows' marks go to one scratch entry each (never read): no branch per row.
  const marking = changed !== null
  const changedPlaces = marking ? changed.places : NO_FLAGS
  const changedActors = marking ? changed.actors : NO_FLAGS
  const changedCategories = marking ? changed.categories : NO_FLAGS
  const placeMark = marking ? -1 : 0
  const actorMark = marking ? -1 : 0
  // Past the first test every update is written, adding 0 where a view is unchanged: rows change
  // views in no predictable pattern, and a branch per view would mispredict.
  for (let i = 0; i < touched.length; i++) {
    const row = touched[i]!
    const before = VIEW_BITS[parent[row]!]!
    const after = VIEW_BITS[mask[row]!]!
    if (before === after) continue
    const li = level[row]! - 1
    const set = place[row]!
    const code = category[row]!
    // Per view: +1 where the row now counts for it, -1 where it no longer does, else 0.
    levelCounts[li + 1]! += (after & 1) - (before & 1)
    const dTime = ((after >> 2) & 1) - ((before >> 2) & 1)
    if (dTime !== 0) countDay(exact, spreadDiff, firstDay, days, startMs[row]!, endMs[row]!, li, dTime)
    placeLevels[set * 5 + li]! += ((after >> 3) & 1) - ((before >> 3) & 1)
    changedPlaces[set & placeMark] = 1
    const dActor = ((after >> 4) & 1) - ((before >> 4) & 1)
    for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) {
      const actor = actorValues[j]!
      actorLevels[actor * 5 + li]! += dActor
      changedActors[actor & actorMark] = 1
    }
    categoryLevels[code * 5 + li]! += ((after >> 5) & 1) - ((before >> 5) & 1)
    changedCategories[code & placeMark] = 1
  }
  return { table, levelCounts, exact, spreadDiff, placeLevels, actorLevels, categoryLevels, matchedRows: null }
}
