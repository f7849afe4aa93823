import type { FilterSpec } from '../filter-spec.ts'
import { recordDerivation, recordTimeRange, recordUnfiltered, takeParent } from './mask-lineage.ts'
import { rememberState, seenMask } from './seen-states.ts'
import type { Dictionary, EventTable, MultiColumn } from '../../table-types.ts'
import { stringsContaining, type StringColumn } from '../../string-column.ts'
import { resolvedTitleRows } from './title-rows.ts'
import { rowsOverlapping, updateTimeEdges } from './time-edges.ts'

/** One bit per filter dimension in a row's mask; a row matches when its mask is 0. */
export const DIM = {
  time: 1,
  region: 2,
  country: 4,
  actor: 8,
  level: 16,
  category: 32,
  text: 64,
} as const

export type Dimension = keyof typeof DIM

const DIMENSIONS = Object.keys(DIM) as Dimension[]

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** The dimensions whose filters differ between two specs. */
export function changedDimensions(a: FilterSpec, b: FilterSpec): Dimension[] {
  return DIMENSIONS.filter((dim) => {
    switch (dim) {
      case 'time':
        return a.timeRange?.fromMs !== b.timeRange?.fromMs || a.timeRange?.toMs !== b.timeRange?.toMs
      case 'region':
        return !sameList(a.regions, b.regions)
      case 'country':
        return !sameList(a.countries, b.countries)
      case 'actor':
        return !sameList(a.actors, b.actors)
      case 'level':
        return !sameList(a.levels, b.levels)
      case 'category':
        return !sameList(a.categories, b.categories)
      case 'text':
        return a.text.trim().toLowerCase() !== b.text.trim().toLowerCase()
    }
  })
}

/**
 * The bits of the filters `spec` sets. A filter not set leaves its bit 0 on every row of a mask
 * made for `spec`, so a test of a row's byte against other bits gives the same rows.
 */
export function filteredBits(spec: FilterSpec): number {
  const { timeRange, regions, countries, actors, levels, categories, text } = spec
  return (
    (timeRange === null ? 0 : DIM.time) |
    (regions.length === 0 ? 0 : DIM.region) |
    (countries.length === 0 ? 0 : DIM.country) |
    (actors.length === 0 ? 0 : DIM.actor) |
    (levels.length === 0 ? 0 : DIM.level) |
    (categories.length === 0 ? 0 : DIM.category) |
    (text.trim() === '' ? 0 : DIM.text)
  )
}

/** A lookup over a dictionary's codes: 1 where the value is selected. null means "all pass". */
function selection(dict: Dictionary, selected: readonly string[]): Uint8Array | null {
  if (selected.length === 0) return null
  const lookup = new Uint8Array(dict.values.length)
  for (const v of selected) {
    const code = dict.indexOf.get(v)
    if (code !== undefined) lookup[code] = 1
  }
  return lookup
}

/** Sets `out[r]` to 1 for each row (or place set) r of `column` holding a value v with `lookup[v]` = 1, reading every row's list. */
function markRowsScanning(column: MultiColumn, lookup: Uint8Array, out: Uint8Array): void {
  const { offsets, values } = column
  for (let r = 0; r < out.length; r++) {
    for (let j = offsets[r]!; j < offsets[r + 1]!; j++) out[r] = out[r]! | lookup[values[j]!]!
  }
}

/** 1 for each row (or place set) of `column` holding any selected value; null when nothing is selected. */
function rowsHolding(column: MultiColumn, rows: number, selected: readonly string[]): Uint8Array | null {
  const lookup = selection(column.dict, selected)
  if (lookup === null) return null
  const out = new Uint8Array(rows)
  markRowsScanning(column, lookup, out)
  return out
}

/** How the text and actor filters find their rows (search-indexes.ts installs the indexed ways). */
export interface RowSearch {
  /** 1 for each title of `titles` holding `needle` (lower case), ignoring case. */
  titlesHolding(titles: StringColumn, needle: string): Uint8Array
  /** Sets `out[row]` to 1 for each row of `column` holding a value v with `lookup[v]` = 1. */
  markRowsHolding(column: MultiColumn, lookup: Uint8Array, out: Uint8Array): void
}

// The indexed search (text-index.ts, code-postings.ts) is a chunk of its own in the app, off the
// first paint. Until it is installed, titles and actor lists are read row by row: the same answers.
let search: RowSearch = { titlesHolding: stringsContaining, markRowsHolding: markRowsScanning }

/** Filters text and actors through `next` from now on; it must give the same answers as a scan. */
export function useRowSearch(next: RowSearch): void {
  search = next
}

// The loops below are branch-free: a row's bit is `bit` or 0 from a lookup or a comparison, and
// the mask byte is rewritten either way, so a filter that splits rows unpredictably costs no
// misprediction per row.

/** Clears `bit` on every row: the dimension has no filter. */
function clearBit(mask: Uint8Array, bit: number): void {
  const keep = ~bit & 0xff
  for (let row = 0; row < mask.length; row++) mask[row] = mask[row]! & keep
}

/** Sets the actor bit from actorPass. */
function setActorBit(table: EventTable, mask: Uint8Array, selected: readonly string[], bit: number): void {
  const pass = actorPass(table, selected)
  if (pass === null) return clearBit(mask, bit)
  const keep = ~bit & 0xff
  for (let row = 0; row < mask.length; row++) mask[row] = (mask[row]! & keep) | (bit & (pass[row]! - 1))
}

/** For a 0/1 pass lookup, the bit a failing code sets: `bit` where pass is 0, else 0. */
function failBits(pass: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(pass.length)
  for (let i = 0; i < pass.length; i++) out[i] = pass[i] === 1 ? 0 : bit
  return out
}

/** Sets a bit from a per-place-set decision: one lookup per row. */
function setPlaceBit(table: EventTable, mask: Uint8Array, column: MultiColumn, selected: readonly string[], bit: number): void {
  const pass = rowsHolding(column, table.places.size, selected)
  if (pass === null) return clearBit(mask, bit)
  const failBit = failBits(pass, bit)
  const keep = ~bit & 0xff
  const place = table.place
  for (let row = 0; row < mask.length; row++) mask[row] = (mask[row]! & keep) | failBit[place[row]!]!
}

/** Sets the text bit from textPass. */
function setTextBit(table: EventTable, mask: Uint8Array, needle: string, bit: number): void {
  const pass = textPass(table, needle)
  const keep = ~bit & 0xff
  for (let row = 0; row < mask.length; row++) mask[row] = (mask[row]! & keep) | (bit & (pass[row]! - 1))
}

/**
 * Sets the time bit of every row for `range`, reading dates only where a row can overlap it
 * (rowsOverlapping: the stretch of rows starting in [from − 1 day, to) and the long rows ending
 * after `from` beyond it); every other row starts at or after `toMs` or ends by `fromMs`, and
 * fails without its dates being read. A first brush or preset at 1M reads a fifth of the dates.
 */
function setTimeBit(table: EventTable, mask: Uint8Array, range: { readonly fromMs: number; readonly toMs: number }, bit: number): void {
  const keep = ~bit & 0xff
  const n = table.size
  const { startMs, endMs } = table
  const { fromMs, toMs } = range
  const { from, to, older } = rowsOverlapping(table, fromMs, toMs)
  for (let row = 0; row < from; row++) mask[row] = (mask[row]! & keep) | bit
  for (let row = from; row < to; row++) {
    const fail = (startMs[row]! < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
    mask[row] = (mask[row]! & keep) | (bit & -fail)
  }
  for (let row = to; row < n; row++) mask[row] = (mask[row]! & keep) | bit
  for (let k = 0; k < older.length; k++) {
    const row = older[k]!
    const fail = (startMs[row]! < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
    mask[row] = (mask[row]! & keep) | (bit & -fail)
  }
}

/** Recomputes one dimension's bit for every row, in place. */
export function updateDimension(table: EventTable, mask: Uint8Array, spec: FilterSpec, dim: Dimension): void {
  const bit = DIM[dim]
  const keep = ~bit & 0xff
  const n = table.size
  switch (dim) {
    case 'time': {
      const range = spec.timeRange
      if (range === null) return clearBit(mask, bit)
      return setTimeBit(table, mask, range, bit)
    }
    case 'level': {
      if (spec.levels.length === 0) return clearBit(mask, bit)
      const allowed = new Uint8Array(256)
      for (const l of spec.levels) allowed[l] = 1
      const failBit = failBits(allowed, bit)
      const level = table.level
      for (let row = 0; row < n; row++) mask[row] = (mask[row]! & keep) | failBit[level[row]!]!
      return
    }
    case 'category': {
      const lookup = selection(table.categories, spec.categories)
      if (lookup === null) return clearBit(mask, bit)
      const failBit = failBits(lookup, bit)
      const category = table.category
      for (let row = 0; row < n; row++) mask[row] = (mask[row]! & keep) | failBit[category[row]!]!
      return
    }
    case 'region':
      return setPlaceBit(table, mask, table.places.regions, spec.regions, bit)
    case 'country':
      return setPlaceBit(table, mask, table.places.countries, spec.countries, bit)
    case 'actor':
      return setActorBit(table, mask, spec.actors, bit)
    case 'text': {
      const needle = spec.text.trim().toLowerCase()
      if (needle === '') return clearBit(mask, bit)
      return setTextBit(table, mask, needle, bit)
    }
  }
}

/** 1 for each row holding one of the selected actors (through their postings once loaded); null when none is selected. */
function actorPass(table: EventTable, selected: readonly string[]): Uint8Array | null {
  const lookup = selection(table.actors.dict, selected)
  if (lookup === null) return null
  const pass = new Uint8Array(table.size)
  search.markRowsHolding(table.actors, lookup, pass)
  return pass
}

/**
 * 1 for each row whose title (through the token index once built, or as answered by the thread
 * that keeps the titles), one of its actors or its category holds `needle` (lower case), ignoring case.
 */
function textPass(table: EventTable, needle: string): Uint8Array {
  // Titles kept by another thread were searched there before the engine ran (title-rows.ts).
  const pass = table.remoteTitles ? resolvedTitleRows(table.remoteTitles, needle) : search.titlesHolding(table.titles, needle)
  const categoryHits = new Uint8Array(table.categories.values.map((name) => (name.toLowerCase().includes(needle) ? 1 : 0)))
  const actorHits = new Uint8Array(table.actors.dict.values.map((name) => (name.toLowerCase().includes(needle) ? 1 : 0)))
  if (categoryHits.includes(1)) {
    const { category } = table
    for (let row = 0; row < pass.length; row++) pass[row] = pass[row]! | categoryHits[category[row]!]!
  }
  search.markRowsHolding(table.actors, actorHits, pass)
  return pass
}

/** Sets `bit` in `fail[c]` for each code c that `pass` (null: every code passes) does not let through. */
function addFailBits(fail: Uint8Array, pass: Uint8Array | null, bit: number): void {
  if (pass === null) return
  for (let c = 0; c < fail.length; c++) fail[c] = fail[c]! | (pass[c] === 1 ? 0 : bit)
}

/**
 * Writes into `target` the bytes of `source` with the bits of `dims` recomputed for `spec`, in
 * one pass over the rows however many dimensions change (`target` may be `source`), where
 * updateDimension takes a pass per dimension; for one dimension, updateDimension reads less. The
 * dimensions decided per code are looked up per row (region and country together, per place
 * set), the time range compared per row, and the actors and text marked first, each in a pass
 * array of its own.
 */
function rewriteDimensions(table: EventTable, source: Uint8Array, target: Uint8Array, spec: FilterSpec, dims: readonly Dimension[]): void {
  let bits = 0
  for (const dim of dims) bits |= DIM[dim]
  const keep = ~bits & 0xff
  const has = (dim: Dimension): boolean => (bits & DIM[dim]) !== 0
  const placeFail = new Uint8Array(table.places.size)
  if (has('region')) addFailBits(placeFail, rowsHolding(table.places.regions, table.places.size, spec.regions), DIM.region)
  if (has('country')) addFailBits(placeFail, rowsHolding(table.places.countries, table.places.size, spec.countries), DIM.country)
  const levelFail = new Uint8Array(256)
  if (has('level') && spec.levels.length > 0) {
    const allowed = new Uint8Array(256)
    for (const l of spec.levels) allowed[l] = 1
    addFailBits(levelFail, allowed, DIM.level)
  }
  const categoryFail = new Uint8Array(table.categories.values.length)
  if (has('category')) addFailBits(categoryFail, selection(table.categories, spec.categories), DIM.category)
  // The row-by-row dimensions: a pass array each, or the source with a bit of 0 (reads, adds nothing).
  const actors = has('actor') ? actorPass(table, spec.actors) : null
  const needle = spec.text.trim().toLowerCase()
  const text = has('text') && needle !== '' ? textPass(table, needle) : null
  const actorBit = actors === null ? 0 : DIM.actor
  const textBit = text === null ? 0 : DIM.text
  const actorRows = actors ?? source
  const textRows = text ?? source
  const { place, level, category } = table
  const n = table.size
  const range = has('time') ? spec.timeRange : null
  if (range === null) {
    for (let row = 0; row < n; row++) {
      target[row] =
        (source[row]! & keep) |
        placeFail[place[row]!]! |
        levelFail[level[row]!]! |
        categoryFail[category[row]!]! |
        (actorBit & (actorRows[row]! - 1)) |
        (textBit & (textRows[row]! - 1))
    }
    return
  }
  const { startMs, endMs } = table
  const { fromMs, toMs } = range
  const timeBit = DIM.time
  for (let row = 0; row < n; row++) {
    const fail = (startMs[row]! < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
    target[row] =
      (source[row]! & keep) |
      (timeBit & -fail) |
      placeFail[place[row]!]! |
      levelFail[level[row]!]! |
      categoryFail[category[row]!]! |
      (actorBit & (actorRows[row]! - 1)) |
      (textBit & (textRows[row]! - 1))
  }
}

/**
 * For a dimension decided per code (category, or place set for region and country): the
 * codes each row holds, and the bit each code sets under `spec` (0 where it passes, or where the
 * dimension has no filter). Null for the other dimensions.
 */
function codeFailBits(table: EventTable, spec: FilterSpec, dim: Dimension): { codes: ArrayLike<number>; fail: Uint8Array } | null {
  const bit = DIM[dim]
  switch (dim) {
    case 'category': {
      const lookup = selection(table.categories, spec.categories)
      return { codes: table.category, fail: lookup === null ? new Uint8Array(table.categories.values.length) : failBits(lookup, bit) }
    }
    case 'region':
    case 'country': {
      const column = dim === 'region' ? table.places.regions : table.places.countries
      const pass = rowsHolding(column, table.places.size, dim === 'region' ? spec.regions : spec.countries)
      return { codes: table.place, fail: pass === null ? new Uint8Array(table.places.size) : failBits(pass, bit) }
    }
    default:
      return null
  }
}

// How many rows hold each code of a code column, per table (columns never change).
const histograms = new WeakMap<ArrayLike<number>, Uint32Array>()

function histogramOf(codes: ArrayLike<number>, distinct: number): Uint32Array {
  let counts = histograms.get(codes)
  if (counts === undefined) {
    counts = new Uint32Array(distinct)
    for (let row = 0; row < codes.length; row++) counts[codes[row]!]!++
    histograms.set(codes, counts)
  }
  return counts
}

/**
 * Writes into `mask` the bytes of `source` with one per-code dimension's bit rewritten, and
 * lists the rows whose bit changed: those holding a code that went from passing to failing or
 * back (a region picked, say). The list is
 * sized exactly from the column's per-code row counts, and filled branch-free; when most rows
 * changed it is not made (the views recount every row then), only their number given.
 */
function updateCodeDimension(
  source: Uint8Array,
  mask: Uint8Array,
  before: { codes: ArrayLike<number>; fail: Uint8Array },
  after: { codes: ArrayLike<number>; fail: Uint8Array },
  bit: number,
): { touched: Uint32Array | null; changed: number; narrowing: boolean } {
  const { codes, fail } = after
  const flips = new Uint8Array(fail.length)
  let widened = 0
  for (let c = 0; c < fail.length; c++) {
    flips[c] = before.fail[c] === fail[c] ? 0 : 1
    widened |= before.fail[c]! & ~fail[c]!
  }
  const counts = histogramOf(codes, fail.length)
  let changed = 0
  for (let c = 0; c < fail.length; c++) changed += flips[c]! * counts[c]!
  const keep = ~bit & 0xff
  if (changed * 2 > mask.length) {
    for (let row = 0; row < mask.length; row++) mask[row] = (source[row]! & keep) | fail[codes[row]!]!
    return { touched: null, changed, narrowing: widened === 0 }
  }
  const touched = new Uint32Array(changed + 1)
  let k = 0
  for (let row = 0; row < mask.length; row++) {
    const c = codes[row]!
    mask[row] = (source[row]! & keep) | fail[c]!
    touched[k] = row
    k += flips[c]!
  }
  return { touched: touched.subarray(0, changed), changed, narrowing: widened === 0 }
}

/**
 * A new mask: `previous` with `bit` rewritten from a per-row pass array (`bit` set where the row's
 * pass is 0), or cleared on every row when `pass` is null (the filter was unset), in one
 * branch-free pass that also counts the rows whose bit changed and tells whether any lost it (the
 * filter widened). The rows are listed apart (rowsFlipped), and only when the views need them.
 */
function rewriteRowBit(previous: Uint8Array, pass: Uint8Array | null, bit: number): { mask: Uint8Array; changed: number; widened: boolean } {
  const n = previous.length
  const mask = new Uint8Array(n)
  const keep = ~bit & 0xff
  const shift = 31 - Math.clz32(bit)
  let changed = 0
  if (pass === null) {
    for (let row = 0; row < n; row++) {
      const was = previous[row]!
      mask[row] = was & keep
      changed += (was >>> shift) & 1
    }
    return { mask, changed, widened: changed > 0 }
  }
  let widened = 0
  for (let row = 0; row < n; row++) {
    const was = previous[row]!
    const now = (was & keep) | (bit & (pass[row]! - 1))
    mask[row] = now
    changed += ((was ^ now) >>> shift) & 1
    widened |= was & ~now
  }
  return { mask, changed, widened: (widened & bit) !== 0 }
}

/** The `changed` rows whose `bit` differs between `previous` and `mask`, ascending. One branch-free pass. */
function rowsFlipped(previous: Uint8Array, mask: Uint8Array, bit: number, changed: number): Uint32Array {
  const touched = new Uint32Array(changed + 1)
  let k = 0
  for (let row = 0; row < mask.length; row++) {
    touched[k] = row
    k += ((previous[row]! ^ mask[row]!) & bit) === 0 ? 0 : 1
  }
  return touched.subarray(0, changed)
}

/** A copy of `previous` with the level bit set for `spec`'s levels, made in one pass (four rows a word when no level is filtered). */
function withLevelBit(table: EventTable, previous: Uint8Array, spec: FilterSpec): Uint8Array {
  const n = previous.length
  const mask = new Uint8Array(n)
  const bit = DIM.level
  const keep = ~bit & 0xff
  if (spec.levels.length === 0) {
    const aligned = previous.byteOffset % 4 === 0
    const words = aligned ? n >>> 2 : 0
    const from = new Uint32Array(previous.buffer, aligned ? previous.byteOffset : 0, words)
    const to = new Uint32Array(mask.buffer, 0, words)
    const keepWord = ~(bit * 0x01010101) >>> 0
    for (let i = 0; i < words; i++) to[i] = from[i]! & keepWord
    for (let row = words * 4; row < n; row++) mask[row] = previous[row]! & keep
    return mask
  }
  const allowed = new Uint8Array(256)
  for (const l of spec.levels) allowed[l] = 1
  const failBit = failBits(allowed, bit)
  const level = table.level
  for (let row = 0; row < n; row++) mask[row] = (previous[row]! & keep) | failBit[level[row]!]!
  return mask
}

/** Whether `spec` sets no filter but, perhaps, the levels. */
function onlyLevels(spec: FilterSpec): boolean {
  const { timeRange, regions, countries, actors, categories, text } = spec
  return timeRange === null && regions.length + countries.length + actors.length + categories.length === 0 && text.trim() === ''
}

/** Row masks for a spec from scratch. */
export function computeMask(table: EventTable, spec: FilterSpec): Uint8Array {
  const mask = new Uint8Array(table.size)
  rewriteDimensions(table, mask, mask, spec, DIMENSIONS)
  recordTimeRange(mask, spec.timeRange)
  if (onlyLevels(spec)) recordUnfiltered(mask)
  return mask
}

/**
 * Row masks for `next`, reusing `previous` (computed for `prevSpec` on the same table): only the
 * dimensions that changed are recomputed. `previous` is not modified, and is kept as a state that
 * may be come back to (seen-states.ts): when `next` is such a state, its very mask is returned
 * (and its views are known), else a new array.
 */
export function updateMask(table: EventTable, previous: Uint8Array, prevSpec: FilterSpec, next: FilterSpec): Uint8Array {
  // A kept mask holds no link to its parent: chains of old masks are never kept alive.
  takeParent(previous)
  // The state come back to is looked for before the state left is kept: keeping it may push out
  // the oldest one (at 5M rows only one mask fits MAX_MASK_BYTES), which may be the one wanted.
  const seen = seenMask(table, next)
  rememberState(table, prevSpec, previous)
  if (seen !== undefined) return seen
  // Every filter cleared (but perhaps the levels): no row fails another, and the views know the
  // whole table's counts (views.ts), so nothing is read but the levels.
  if (onlyLevels(next)) {
    const cleared = new Uint8Array(table.size)
    updateDimension(table, cleared, next, 'level')
    recordTimeRange(cleared, null)
    recordUnfiltered(cleared)
    return cleared
  }
  const dims = changedDimensions(prevSpec, next)
  // A level toggle: the copy and the new level bit are one pass (the views read the level bit
  // per level, view-counts.ts, so no list of flipped rows is needed).
  if (dims.length === 1 && dims[0] === 'level') {
    const mask = withLevelBit(table, previous, next)
    recordTimeRange(mask, next.timeRange)
    recordDerivation(mask, previous, null, DIM.level)
    return mask
  }
  let bits = 0
  for (const dim of dims) bits |= DIM[dim]
  // One row-by-row dimension changed (text, actors): the new mask written from the old one with
  // that bit rewritten, and the rows it flipped listed for the views when few enough for them to
  // visit one by one (past half the rows the views recount in one pass and need only how many).
  if (dims.length === 1 && (dims[0] === 'text' || dims[0] === 'actor')) {
    const needle = next.text.trim().toLowerCase()
    const pass = dims[0] === 'actor' ? actorPass(table, next.actors) : needle === '' ? null : textPass(table, needle)
    const { mask, changed, widened } = rewriteRowBit(previous, pass, bits)
    recordTimeRange(mask, next.timeRange)
    const touched = changed * 2 > mask.length ? null : rowsFlipped(previous, mask, bits, changed)
    recordDerivation(mask, previous, touched, bits, { narrowing: !widened, changed })
    return mask
  }
  // One per-code dimension other than the level changed (a region picked): its rows are
  // written from the old mask and the views are told which rows flipped. The views read the
  // level bit per level, not per row (view-counts.ts), so a level change needs no list.
  if (dims.length === 1 && dims[0] !== 'level') {
    const before = codeFailBits(table, prevSpec, dims[0]!)
    const after = codeFailBits(table, next, dims[0]!)
    if (before !== null && after !== null) {
      const mask = new Uint8Array(previous.length)
      recordTimeRange(mask, next.timeRange)
      const { touched, changed, narrowing } = updateCodeDimension(previous, mask, before, after, bits)
      recordDerivation(mask, previous, touched, bits, { narrowing, changed })
      return mask
    }
  }
  const mask = previous.slice()
  recordTimeRange(mask, next.timeRange)
  // A moved time brush alone: only the rows near its edges are visited, and the views are told
  // which (the others' bytes are unchanged).
  if (dims.length === 1 && dims[0] === 'time' && prevSpec.timeRange !== null && next.timeRange !== null) {
    const touched = updateTimeEdges(table, mask, prevSpec.timeRange, next.timeRange, DIM.time)
    if (touched !== null) {
      recordDerivation(mask, previous, touched, bits, { dateOrdered: true })
      return mask
    }
  }
  if (dims.length === 1) updateDimension(table, mask, next, dims[0]!)
  else rewriteDimensions(table, mask, mask, next, dims)
  recordDerivation(mask, previous, null, bits)
  return mask
}
