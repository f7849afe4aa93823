import { DAY_MS } from './dates.ts'
import type { EpochMs, ThreatLevel } from './model.ts'
import type { EventTable, MultiColumn } from './table-types.ts'
import { firstBelow, firstLongEndAbove, isSearchable } from './engine/local/time-edges.ts'

/**
 * The threat index: for a group of events (a region, a country, an actor) at an as-of instant,
 * over a window — a level, a score, a trend and the events behind them.
 * docs/threat-index.md explains the method with a worked example.
 */

/**
 * How the score is computed. `recency` (the default): recency-weighted severity. `peak`: the
 * highest level sets the band, the number of events the position in it; no decay, no severity.
 */
export type IndexMethod = 'recency' | 'peak'

export const INDEX_METHODS: readonly IndexMethod[] = ['recency', 'peak']

export interface IndexSettings {
  /** Length of the window that ends at the as-of instant, in days. */
  readonly windowDays: number
  /** An event's weight halves every this many days of age (recency method only). */
  readonly halfLifeDays: number
  /** Absent means `recency`. */
  readonly method?: IndexMethod
  /**
   * What the window's summed weight is multiplied by before it becomes a score; absent means 1.
   * A window stretched over a time range (N times the usual window, half-life stretched alike)
   * uses 1/N, so its score is the severity per usual window and still tells places apart.
   */
  readonly weightScale?: number
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = { windowDays: 30, halfLifeDays: 7, method: 'recency' }

/** Peak method: the number of events (placement-weighted) at which a score is half-way through its level's band. */
export const PEAK_COUNT_HALF = 5

/**
 * How fast the score closes on 100: every SCORE_HALVING-fold of (1 + weighted severity) halves
 * the distance left. 16 puts one critical event on the as-of day (weight 16) near half-way and
 * leaves room above: a busy region at 100k events (weight in the hundreds) reads 70–85, the
 * whole world about 90, so places still differ where a saturating exponential reads 100 for all.
 */
export const SCORE_HALVING = 16

/**
 * An event sets the level only if at least this part of its date span lies in the window, so a
 * critical event known only as "2022" does not make every month of 2022 critical. When no event
 * qualifies, the highest level of the partly-inside events is used: it is all the evidence there is.
 */
export const PLACED_FRACTION = 0.5

/** Score change (points) from the previous window that counts as rising or falling. */
export const TREND_THRESHOLD = 5

export type TrendDirection = 'rising' | 'steady' | 'falling'

export interface Contribution {
  readonly row: number
  /** This event's share of the score, 0–1; the shares of one index sum to 1. */
  readonly share: number
  /** The raw weight: severity × recency × the part of the event inside the window. */
  readonly weight: number
}

export interface ThreatIndex {
  /** Highest level in the window (see PLACED_FRACTION); null reads "no recent activity". */
  readonly level: ThreatLevel | null
  /** 0–100, rounded to one decimal. */
  readonly score: number
  /** The level of the previous window (as-of − window); null when it held nothing. */
  readonly previousLevel: ThreatLevel | null
  readonly previousScore: number
  readonly delta: number
  readonly trend: TrendDirection
  /** Events inside the window. */
  readonly eventCount: number
  /** Events inside the previous window. */
  readonly previousEventCount: number
  /** Largest share first. */
  readonly contributions: readonly Contribution[]
}

/** Severity weight of a level: each step doubles it (1, 2, 4, 8, 16). */
export function severityWeight(level: number): number {
  return 2 ** (level - 1)
}

/**
 * The score for a total weighted severity W: 100 × (1 − (1 + W)^(−1/4)), a logarithmic scale
 * (log base SCORE_HALVING of 1 + W sets how many times the distance to 100 has halved):
 * W = 0 → 0, 1 → 15.9, 15 → 50, 255 → 75, 4095 → 87.5. It never reaches 100, so a larger
 * weight always reads higher, however much data there is.
 */
export function scoreFromWeight(total: number): number {
  if (!(total > 0)) return 0
  const exponent = 1 / Math.log2(SCORE_HALVING)
  return Math.round(1000 * (1 - (1 + total) ** -exponent)) / 10
}

/** The default as-of instant: the end of the day of the latest event start; 0 when empty. */
export function defaultAsOf(table: EventTable): EpochMs {
  if (table.size === 0) return 0
  let latest = -Infinity
  for (let i = 0; i < table.size; i++) if (table.startMs[i]! > latest) latest = table.startMs[i]!
  return (Math.floor(latest / DAY_MS) + 1) * DAY_MS
}

/**
 * The part (0–1) of a row's date span inside the window (asOfMs − window, asOfMs]: 1 for a
 * day-precise event inside it, 30/365 for a year-precision event that spans it, 0 outside.
 */
export function windowFraction(table: EventTable, row: number, asOfMs: EpochMs, settings: IndexSettings): number {
  const windowStart = asOfMs - settings.windowDays * DAY_MS
  const start = table.startMs[row]!
  const end = table.endMs[row]!
  if (start >= asOfMs || end <= windowStart) return 0
  return (Math.min(end, asOfMs) - Math.max(start, windowStart)) / (end - start)
}

/**
 * The weight of one row in the window: severity × 0.5^(age / half-life) × the part of the
 * event's span inside the window. Age runs from the latest instant of the event inside the
 * window to the as-of instant. 0 when the row is outside the window.
 */
export function rowWeight(table: EventTable, row: number, asOfMs: EpochMs, settings: IndexSettings): number {
  const fraction = windowFraction(table, row, asOfMs, settings)
  if (fraction === 0) return 0
  const ageDays = (asOfMs - Math.min(table.endMs[row]!, asOfMs)) / DAY_MS
  return severityWeight(table.level[row]!) * 0.5 ** (ageDays / settings.halfLifeDays) * fraction
}

/**
 * The peak method's score: 20 × (level − 1) + 20 × n / (n + PEAK_COUNT_HALF), where n is the
 * placement-weighted number of events in the window; 0 with no level. A level-3 window with one
 * event scores 40 + 20/6 = 43.3; the score stays below the next band however many events pile up.
 */
export function peakScore(level: number, count: number): number {
  if (level === 0) return 0
  return Math.round(10 * (20 * (level - 1) + (20 * count) / (count + PEAK_COUNT_HALF))) / 10
}

function trendOf(delta: number): TrendDirection {
  if (delta >= TREND_THRESHOLD) return 'rising'
  if (delta <= -TREND_THRESHOLD) return 'falling'
  return 'steady'
}

/** An index without its contributions: what ranking and shading read. */
export type IndexSummary = Omit<ThreatIndex, 'contributions'>

// The numbers `tallyLevels` keeps per threat level, in this order.
const TOTAL = 0
const COUNT = 1
const PLACED = 2
const ANY = 3
const PREVIOUS_TOTAL = 4
const PREVIOUS_COUNT = 5
const PREVIOUS_PLACED = 6
const PREVIOUS_ANY = 7
const PRESENT = 8
const PER_LEVEL = 9

/**
 * A group's rows summed per threat level over both windows: for each level, the weight and the
 * number of its events inside the window, whether one of them is placed in it (see
 * PLACED_FRACTION) and whether any touches it, the same four for the previous window, and how
 * many rows were given. The index of any set of levels is made from the sums of its levels
 * (`summaryOfTallies`), so a level toggle recombines tallies instead of visiting rows again.
 */
export type LevelTallies = Float64Array

/** The window arithmetic of `windowFraction` and `rowWeight`, for one as-of instant and settings, over the table's columns. */
function windowWeights(table: EventTable, asOfMs: EpochMs, settings: IndexSettings) {
  const windowMs = settings.windowDays * DAY_MS
  const halfLifeDays = settings.halfLifeDays
  const peak = settings.method === 'peak'
  const { startMs, endMs, level } = table
  /** windowFraction of `row` for the window ending at `asOf`. */
  const fractionIn = (row: number, asOf: number): number => {
    const start = startMs[row]!
    const end = endMs[row]!
    const windowStart = asOf - windowMs
    if (start >= asOf || end <= windowStart) return 0
    return (Math.min(end, asOf) - Math.max(start, windowStart)) / (end - start)
  }
  /** The row's weight under the method (recency: rowWeight; peak: its fraction alone) in the window ending at `asOf`. */
  const weightIn = (row: number, asOf: number, fraction: number): number => {
    if (peak || fraction === 0) return fraction
    const ageDays = (asOf - Math.min(endMs[row]!, asOf)) / DAY_MS
    return severityWeight(level[row]!) * 0.5 ** (ageDays / halfLifeDays) * fraction
  }
  return { fractionIn, weightIn, previousAsOf: asOfMs - windowMs }
}

/**
 * One pass over a group's rows for both windows, summed per level (see LevelTallies). This runs
 * for every region and country of a large table in one task.
 */
export function tallyLevels(table: EventTable, rows: ArrayLike<number>, asOfMs: EpochMs, settings: IndexSettings): LevelTallies {
  return tallyInto(new Float64Array(SET_TALLIES), false, table, rows, asOfMs, settings)
}

/** How many numbers one place set's tallies take in `tallySets`' answer. */
const SET_TALLIES = 5 * PER_LEVEL

/**
 * The tallies of `rows` per place set, in one pass: set s's LevelTallies are the SET_TALLIES
 * numbers from s × SET_TALLIES. Every row's weight is taken once, however many places its set
 * names; `talliesPerValue` then sums the sets of each place.
 */
export function tallySets(table: EventTable, rows: ArrayLike<number>, asOfMs: EpochMs, settings: IndexSettings): Float64Array {
  return tallyInto(new Float64Array(table.places.size * SET_TALLIES), true, table, rows, asOfMs, settings)
}

// Each level's severity weight by level byte (severityWeight), looked up rather than raised per row.
const SEVERITY = Float64Array.from({ length: 256 }, (_, level) => severityWeight(level))

function tallyInto(out: Float64Array, bySet: boolean, table: EventTable, rows: ArrayLike<number>, asOfMs: EpochMs, settings: IndexSettings): Float64Array {
  const windowMs = settings.windowDays * DAY_MS
  const halfLifeDays = settings.halfLifeDays
  const peak = settings.method === 'peak'
  const previousAsOf = asOfMs - windowMs
  const previousStart = previousAsOf - windowMs
  const { level: levels, place, startMs, endMs } = table
  // The recency factor 0.5^(age / half-life) of the last end seen, per window: rows are stored
  // newest first, so the day-precise rows of a day share their end and the power is taken once
  // for them. The arithmetic is windowFraction's and rowWeight's, term for term (same results).
  let lastEnd = NaN
  let lastDecay = 0
  let lastPreviousEnd = NaN
  let lastPreviousDecay = 0
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const level = levels[row]!
    const at = (bySet ? place[row]! * SET_TALLIES : 0) + (level - 1) * PER_LEVEL
    out[at + PRESENT]!++
    const start = startMs[row]!
    const end = endMs[row]!
    const fraction = start >= asOfMs || end <= previousAsOf ? 0 : (Math.min(end, asOfMs) - Math.max(start, previousAsOf)) / (end - start)
    let w = fraction
    if (!peak && fraction !== 0) {
      const until = Math.min(end, asOfMs)
      if (until !== lastEnd) {
        lastEnd = until
        lastDecay = 0.5 ** ((asOfMs - until) / DAY_MS / halfLifeDays)
      }
      w = SEVERITY[level]! * lastDecay * fraction
    }
    if (w > 0) {
      out[at + TOTAL]! += w
      out[at + COUNT]!++
      out[at + ANY] = 1
      if (fraction >= PLACED_FRACTION) out[at + PLACED] = 1
    }
    const previousFraction =
      start >= previousAsOf || end <= previousStart ? 0 : (Math.min(end, previousAsOf) - Math.max(start, previousStart)) / (end - start)
    let pw = previousFraction
    if (!peak && previousFraction !== 0) {
      const until = Math.min(end, previousAsOf)
      if (until !== lastPreviousEnd) {
        lastPreviousEnd = until
        lastPreviousDecay = 0.5 ** ((previousAsOf - until) / DAY_MS / halfLifeDays)
      }
      pw = SEVERITY[level]! * lastPreviousDecay * previousFraction
    }
    if (pw > 0) {
      out[at + PREVIOUS_TOTAL]! += pw
      out[at + PREVIOUS_COUNT]!++
      out[at + PREVIOUS_ANY] = 1
      if (previousFraction >= PLACED_FRACTION) out[at + PREVIOUS_PLACED] = 1
    }
  }
  return out
}

/** Whether slot `k` of a level's tallies is a flag (combined by "either"), not a sum. */
const IS_FLAG = [TOTAL, COUNT, PLACED, ANY, PREVIOUS_TOTAL, PREVIOUS_COUNT, PREVIOUS_PLACED, PREVIOUS_ANY, PRESENT].map(
  (k) => k === PLACED || k === ANY || k === PREVIOUS_PLACED || k === PREVIOUS_ANY,
)

/** Adds set `set`'s tallies from `perSet` into `into`: sums added, flags set when either is. */
function addSet(into: LevelTallies, perSet: Float64Array, set: number): void {
  const base = set * SET_TALLIES
  for (let k = 0; k < SET_TALLIES; k++) {
    const v = perSet[base + k]!
    if (IS_FLAG[k % PER_LEVEL]) {
      if (v === 1) into[k] = 1
    } else into[k]! += v
  }
}

/**
 * The tallies of every value of a place-set column (countries, regions, named regions) that has
 * rows, from `tallySets`' per-set tallies: each value's are the sum of those of the sets that
 * hold it (flags: whether any set's is set), the same as tallying the value's rows directly.
 */
export function talliesPerValue(perSet: Float64Array, column: MultiColumn): Map<number, LevelTallies> {
  const out = new Map<number, LevelTallies>()
  const { offsets, values } = column
  for (let set = 0; set * SET_TALLIES < perSet.length; set++) {
    if (!hasRows(perSet.subarray(set * SET_TALLIES, (set + 1) * SET_TALLIES))) continue
    for (let j = offsets[set]!; j < offsets[set + 1]!; j++) {
      let tallies = out.get(values[j]!)
      if (!tallies) out.set(values[j]!, (tallies = new Float64Array(SET_TALLIES)))
      addSet(tallies, perSet, set)
    }
  }
  return out
}

/** The tallies of every row `tallySets` was given, from its per-set tallies. */
export function talliesOfAll(perSet: Float64Array): LevelTallies {
  const out = new Float64Array(SET_TALLIES)
  for (let set = 0; set * SET_TALLIES < perSet.length; set++) addSet(out, perSet, set)
  return out
}

/** Per level, how many of the tallied rows lie inside the current window. */
export function countsInWindow(tallies: LevelTallies): Float64Array {
  const out = new Float64Array(5)
  for (let l = 0; l < 5; l++) out[l] = tallies[l * PER_LEVEL + COUNT]!
  return out
}

/** Whether the levels `shown` (1 per level shown, index level − 1; every level when omitted) hold any of the tallied rows. */
export function hasRows(tallies: LevelTallies, shown?: ArrayLike<number>): boolean {
  for (let l = 0; l < 5; l++) if ((shown === undefined || shown[l] === 1) && tallies[l * PER_LEVEL + PRESENT]! > 0) return true
  return false
}

/** The index summary of the levels `shown` (1 per level shown, index level − 1; every level when omitted), from their tallies. */
export function summaryOfTallies(tallies: LevelTallies, settings: IndexSettings, shown?: ArrayLike<number>): IndexSummary {
  let total = 0
  let previousTotal = 0
  let eventCount = 0
  let previousEventCount = 0
  let levelPlaced = 0
  let levelAny = 0
  let previousPlaced = 0
  let previousAny = 0
  for (let l = 0; l < 5; l++) {
    if (shown !== undefined && shown[l] !== 1) continue
    const at = l * PER_LEVEL
    total += tallies[at + TOTAL]!
    eventCount += tallies[at + COUNT]!
    previousTotal += tallies[at + PREVIOUS_TOTAL]!
    previousEventCount += tallies[at + PREVIOUS_COUNT]!
    if (tallies[at + PLACED] === 1) levelPlaced = l + 1
    if (tallies[at + ANY] === 1) levelAny = l + 1
    if (tallies[at + PREVIOUS_PLACED] === 1) previousPlaced = l + 1
    if (tallies[at + PREVIOUS_ANY] === 1) previousAny = l + 1
  }
  const peak = settings.method === 'peak'
  const level = levelPlaced || levelAny
  const previousLevel = previousPlaced || previousAny
  const scale = settings.weightScale ?? 1
  const score = peak ? peakScore(level, total * scale) : scoreFromWeight(total * scale)
  const previousScore = peak ? peakScore(previousLevel, previousTotal * scale) : scoreFromWeight(previousTotal * scale)
  const delta = Math.round((score - previousScore) * 10) / 10
  return {
    level: level === 0 ? null : (level as ThreatLevel),
    previousLevel: previousLevel === 0 ? null : (previousLevel as ThreatLevel),
    score,
    previousScore,
    delta,
    trend: trendOf(delta),
    eventCount,
    previousEventCount,
  }
}

/** The contributions of the rows inside the window, of the levels shown (all when omitted), largest share first. */
function contributionsOf(table: EventTable, rows: ArrayLike<number>, asOfMs: EpochMs, settings: IndexSettings, shown?: ArrayLike<number>): Contribution[] {
  const { fractionIn, weightIn } = windowWeights(table, asOfMs, settings)
  const { level, startMs } = table
  const weighted: number[] = []
  const weights: number[] = []
  let total = 0
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    if (shown !== undefined && shown[level[row]! - 1] !== 1) continue
    const weight = weightIn(row, asOfMs, fractionIn(row, asOfMs))
    if (weight > 0) {
      weighted.push(row)
      weights.push(weight)
      total += weight
    }
  }
  const contributions = weighted.map((row, k): Contribution => ({ row, weight: weights[k]!, share: weights[k]! / total }))
  contributions.sort((a, b) => b.share - a.share || startMs[b.row]! - startMs[a.row]! || a.row - b.row)
  return contributions
}

/**
 * The index of a group from its rows (or a function giving them, called when the contributions
 * are first read) and their tallies, for the levels `shown` (all when omitted). The contributions are listed and sorted when first read (a gauge's detail, an
 * alert), not for every gauge drawn: for the overall gauge of a large table that is most of the cost.
 */
export function indexOfTallies(
  table: EventTable,
  rows: ArrayLike<number> | (() => ArrayLike<number>),
  tallies: LevelTallies,
  asOfMs: EpochMs,
  settings: IndexSettings,
  shown?: ArrayLike<number>,
): ThreatIndex {
  const levels = shown === undefined ? undefined : Uint8Array.from(shown)
  let contributions: Contribution[] | null = null
  return {
    ...summaryOfTallies(tallies, settings, levels),
    get contributions(): readonly Contribution[] {
      contributions ??= contributionsOf(table, typeof rows === 'function' ? rows() : rows, asOfMs, settings, levels)
      return contributions
    },
  }
}

/** Builds the index from the rows of one group; rows outside the window are skipped. */
export function indexOfRows(
  table: EventTable,
  rows: ArrayLike<number>,
  asOfMs: EpochMs,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): ThreatIndex {
  return indexOfTallies(table, rows, tallyLevels(table, rows, asOfMs, settings), asOfMs, settings)
}

/** The index of one group as `indexOfRows` gives it, less the contributions. For ranking or shading many groups. */
export function summaryOfRows(
  table: EventTable,
  rows: ArrayLike<number>,
  asOfMs: EpochMs,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): IndexSummary {
  return summaryOfTallies(tallyLevels(table, rows, asOfMs, settings), settings)
}

/**
 * The rows of every value of a multi-valued column (regions, countries, actors) that pass
 * `include` and touch the current or the previous window (see `rowsInWindows`).
 */
export function rowsByValue(
  table: EventTable,
  column: MultiColumn,
  include: (row: number) => boolean,
  asOfMs: EpochMs,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): Map<number, number[]> {
  const out = new Map<number, number[]>()
  for (const row of rowsInWindows(table, include, asOfMs, settings)) {
    for (let j = column.offsets[row]!; j < column.offsets[row + 1]!; j++) {
      const v = column.values[j]!
      let list = out.get(v)
      if (!list) out.set(v, (list = []))
      list.push(row)
    }
  }
  return out
}

/**
 * The rows that pass `include` and touch the current or the previous window, ascending. Rows are
 * stored newest first, so those of at most a day are one stretch of rows, found by binary
 * search; older rows can only touch the windows if they cover more than a day, and those are
 * found by their end in `longByEnd` (time-edges.ts). Cost: O(log rows + rows near the windows
 * + long rows ending in or after them), not a pass over the table; a table with unordered
 * (NaN) dates is scanned whole.
 */
export function rowsInWindows(
  table: EventTable,
  include: (row: number) => boolean,
  asOfMs: EpochMs,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): number[] {
  const from = asOfMs - 2 * settings.windowDays * DAY_MS
  const out: number[] = []
  const { startMs, endMs, longByEnd } = table
  const touches = (row: number): boolean => startMs[row]! < asOfMs && endMs[row]! > from && include(row)
  if (!isSearchable(table)) {
    for (let row = 0; row < table.size; row++) if (touches(row)) out.push(row)
    return out
  }
  // A row of at most a day that ends after `from` starts after from − 1 day.
  const stretchEnd = firstBelow(table, from - DAY_MS)
  for (let row = firstBelow(table, asOfMs); row < stretchEnd; row++) if (touches(row)) out.push(row)
  const older: number[] = []
  for (let p = firstLongEndAbove(table, from); p < longByEnd.length; p++) {
    const row = longByEnd[p]!
    if (row >= stretchEnd && touches(row)) older.push(row)
  }
  older.sort((a, b) => a - b)
  for (const row of older) out.push(row)
  return out
}

/**
 * The rows that `rowsInWindows` gives for the rows whose mask byte has none of `bits` set
 * (`(mask[row] & bits) === 0`), in the same order, as a typed array: the stretch of rows near the
 * windows is tested without a branch or a call per row and nothing is pushed onto a growing list.
 */
export function rowsInWindowsOfMask(table: EventTable, mask: Uint8Array, bits: number, asOfMs: EpochMs, settings: IndexSettings = DEFAULT_INDEX_SETTINGS): Uint32Array {
  const from = asOfMs - 2 * settings.windowDays * DAY_MS
  const { startMs, endMs, longByEnd } = table
  if (!isSearchable(table)) return Uint32Array.from(rowsInWindows(table, (row) => (mask[row]! & bits) === 0, asOfMs, settings))
  const stretchStart = firstBelow(table, asOfMs)
  const stretchEnd = firstBelow(table, from - DAY_MS)
  const firstLong = firstLongEndAbove(table, from)
  // One slot more than can be kept: each stretch row is written, and kept by moving on.
  const out = new Uint32Array(Math.max(0, stretchEnd - stretchStart) + (longByEnd.length - firstLong) + 1)
  let k = 0
  for (let row = stretchStart; row < stretchEnd; row++) {
    out[k] = row
    k += startMs[row]! < asOfMs && endMs[row]! > from && (mask[row]! & bits) === 0 ? 1 : 0
  }
  const older = k
  for (let p = firstLong; p < longByEnd.length; p++) {
    const row = longByEnd[p]!
    if (row >= stretchEnd && startMs[row]! < asOfMs && endMs[row]! > from && (mask[row]! & bits) === 0) out[k++] = row
  }
  out.subarray(older, k).sort()
  return out.subarray(0, k)
}

/** What an index can be computed for besides everything: a region slug, a country code or an actor name. */
export type TargetKind = 'region' | 'country' | 'actor'

export interface IndexTarget {
  readonly kind: TargetKind
  /** Region slug, ISO alpha-2 country code, or actor name exactly as in the data. */
  readonly value: string
}

/**
 * A test for "this row belongs to the target". Region and country are decided once per place
 * set, so the test is one lookup per row. A value absent from the data matches nothing.
 */
export function targetMatcher(table: EventTable, target: IndexTarget): (row: number) => boolean {
  if (target.kind === 'actor') {
    const code = table.actors.dict.indexOf.get(target.value)
    if (code === undefined) return () => false
    const { offsets, values } = table.actors
    return (row) => {
      for (let j = offsets[row]!; j < offsets[row + 1]!; j++) if (values[j] === code) return true
      return false
    }
  }
  const column = target.kind === 'region' ? table.places.regions : table.places.countries
  const code = column.dict.indexOf.get(target.value)
  if (code === undefined) return () => false
  const inSet = new Uint8Array(table.places.size)
  for (let set = 0; set < table.places.size; set++) {
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) if (column.values[j] === code) inSet[set] = 1
  }
  return (row) => inSet[table.place[row]!] === 1
}

/** The index of one target over the rows that pass `include` (all rows when omitted). One pass. */
export function indexOfTarget(
  table: EventTable,
  target: IndexTarget,
  asOfMs: EpochMs,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
  include: (row: number) => boolean = () => true,
): ThreatIndex {
  const matches = targetMatcher(table, target)
  const rows = rowsInWindows(table, (row) => include(row) && matches(row), asOfMs, settings)
  return indexOfRows(table, rows, asOfMs, settings)
}
