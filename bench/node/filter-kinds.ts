/**
 * Every kind of filter change, each followed by every view, ours against crossfilter2 where it
 * has the operation.
 *
 * Ours: `updateMask` for the change, then `computeViews` (counts, timeline per day and level,
 * per country/region/actor/category tallies, the newest-first matching rows): what the local
 * engine does for a filter change before it cuts panels' parts from the views.
 * Peer: crossfilter2 (bench/lib/crossfilter-peer.ts) on records in our row order, the same
 * filter set on the matching dimension, then every group and the count read.
 * Both start from the same filters (last 70 % of the time range, Europe/Asia/Africa, levels 2–5).
 * Ours keeps the last few filter states it left (seen-states.ts), so flipping between two states
 * is served from them after the first pair: the row's figure is the first time instead (neither
 * state seen before: each run starts from a fresh mask and views of its own, the time brush moved
 * by an hour a run), in both directions; the back-and-forth figures are in the note.
 * The peer flips between two states on every run (it keeps nothing), so each run is a real change.
 * Where the peer has the operation, the two are timed in turn in one loop (see interleaved), so
 * that each side's timed call follows other work, as in the app; the peer's figure flipped back to
 * back, with nothing between, is in the note.
 */
import { DAY_MS } from '../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { computeMask, updateMask } from '../../src/domain/engine/local/mask.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import type { EventTable } from '../../src/domain/table-types.ts'
import type { CfDimension, crossfilterPeer } from '../lib/crossfilter-peer.ts'
import { consume, mb, median, round, timeFlips, type BenchRow } from '../lib/measure.ts'
import { packStrings } from '../../src/domain/ingest/packed-strings.ts'
import { buildTextIndex } from '../../src/domain/engine/local/text-index.ts'
import { adoptTextIndex } from '../../src/domain/engine/local/text-search.ts'
import { titleAt } from '../../src/domain/table.ts'
import { performance } from 'node:perf_hooks'

const REGIONS = ['europe', 'asia', 'africa']

/** The filter state both engines start from: a time brush, three regions and levels 2–5. */
export function baseSpec(table: EventTable): FilterSpec {
  const [lo, hi] = table.extentMs
  return { ...EMPTY_FILTER, timeRange: { fromMs: lo + (hi - lo) * 0.3, toMs: hi }, regions: REGIONS, levels: [2, 3, 4, 5] }
}

type Peer = ReturnType<typeof crossfilterPeer>

/** A filter change: ours flips between two specs; the peer (when it has the operation) between two filters on one dimension. */
interface Change {
  readonly name: string
  /** Where ours starts (the base filters when not given). */
  readonly from?: FilterSpec
  readonly to: FilterSpec
  readonly peer?: { readonly label: string; flip(dims: Peer['dims'], on: boolean): void }
  /** What each side does, for the row's note. */
  readonly note: string
}

/** The most frequent code of a code column (`values` indexes the dictionary). */
function mostFrequent(values: ArrayLike<number>, distinct: number): number {
  const counts = new Uint32Array(distinct)
  for (let i = 0; i < values.length; i++) counts[values[i]!]!++
  return counts.indexOf(Math.max(...counts))
}

/** The country most events name (each event counts once for each country of its place set). */
function busiestCountry(table: EventTable): string {
  const eventsPerSet = new Uint32Array(table.places.size)
  for (let row = 0; row < table.size; row++) eventsPerSet[table.place[row]!]!++
  const { offsets, values, dict } = table.places.countries
  const counts = new Float64Array(dict.values.length)
  for (let s = 0; s < table.places.size; s++) for (let j = offsets[s]!; j < offsets[s + 1]!; j++) counts[values[j]!]! += eventsPerSet[s]!
  return dict.values[counts.indexOf(Math.max(...counts))]!
}

function changes(table: EventTable, base: FilterSpec): Change[] {
  const codeOf = (dict: { indexOf: ReadonlyMap<string, number> }, v: string): number => dict.indexOf.get(v) ?? -1
  const regionCodes = new Set(REGIONS.map((r) => codeOf(table.places.regions.dict, r)))
  const twoRegions = new Set([codeOf(table.places.regions.dict, 'europe'), codeOf(table.places.regions.dict, 'asia')])
  const countryDict = table.places.countries.dict
  const country = busiestCountry(table)
  const actor = table.actors.dict.values[mostFrequent(table.actors.values, table.actors.dict.values.length)]!
  const category = table.categories.values[mostFrequent(table.category, table.categories.values.length)]!
  const day = (ms: number): number => Math.floor(ms / DAY_MS)
  const { fromMs, toMs } = base.timeRange!
  const filterOrAll = (d: CfDimension, on: boolean, value: number): void => void (on ? d.filterExact(value) : d.filterAll())
  const everything: FilterSpec = { ...base, countries: [country], categories: [category], text: 'syria' }
  return [
    {
      name: 'level toggle (levels 2–5 ↔ 3–5)',
      to: { ...base, levels: [3, 4, 5] },
      peer: { label: 'crossfilter2 filterRange (incremental)', flip: (d, on) => void d.level.filterRange(on ? [3, 6] : [2, 6]) },
      note: 'ours = level bit of every row + views; peer = incremental filterRange on level, its best case',
    },
    {
      name: 'level toggle (levels 2–5 ↔ 3–5)',
      to: { ...base, levels: [3, 4, 5] },
      peer: { label: 'crossfilter2 filterFunction', flip: (d, on) => void d.level.filterFunction(on ? (l) => l >= 3 : (l) => l >= 2) },
      note: 'ours = level bit of every row + views; peer = filterFunction on level, the general case of a level set',
    },
    {
      name: 'time brush (+30 days)',
      to: { ...base, timeRange: { fromMs: fromMs + 30 * DAY_MS, toMs } },
      peer: { label: 'crossfilter2 filterRange (incremental)', flip: (d, on) => void d.time.filterRange([day(on ? fromMs + 30 * DAY_MS : fromMs), day(toMs) + 1]) },
      note: 'ours = rows at the brush edges + views; peer = incremental filterRange on day, records date-sorted as ours',
    },
    {
      name: 'region (3 ↔ 2 regions)',
      to: { ...base, regions: ['europe', 'asia'] },
      peer: { label: 'crossfilter2 filterFunction (array dim)', flip: (d, on) => void d.region.filterFunction(on ? (r) => twoRegions.has(r) : (r) => regionCodes.has(r)) },
      note: 'ours = region bit per place set + views; peer = filterFunction on the regions array dimension',
    },
    {
      name: `country (none ↔ ${country})`,
      to: { ...base, countries: [country] },
      peer: { label: 'crossfilter2 filterExact', flip: (d, on) => filterOrAll(d.country, on, codeOf(countryDict, country)) },
      note: "ours = any country of the event's place set + views; peer = filterExact on the first country",
    },
    {
      name: `actor (none ↔ ${actor})`,
      to: { ...base, actors: [actor] },
      peer: { label: 'crossfilter2 filterExact (array dim)', flip: (d, on) => filterOrAll(d.actor, on, codeOf(table.actors.dict, actor)) },
      note: 'ours = any actor of the event + views; peer = filterExact on the actors array dimension',
    },
    {
      name: `category (none ↔ ${category})`,
      to: { ...base, categories: [category] },
      peer: { label: 'crossfilter2 filterExact', flip: (d, on) => filterOrAll(d.category, on, codeOf(table.categories, category)) },
      note: 'ours = category bit per code + views; peer = filterExact on category',
    },
    {
      name: 'clear all (all filters ↔ none)',
      to: EMPTY_FILTER,
      peer: {
        label: 'crossfilter2 filterAll on every dimension',
        flip: (d, on) => {
          if (on) for (const dim of Object.values(d)) dim.filterAll()
          else {
            d.time.filterRange([day(fromMs), day(toMs) + 1])
            d.region.filterFunction((r) => regionCodes.has(r))
            d.level.filterRange([2, 6])
            filterOrAll(d.country, true, codeOf(countryDict, country))
            filterOrAll(d.category, true, codeOf(table.categories, category))
          }
        },
      },
      note: `ours from time, regions, levels, ${country}, ${category}, "syria" to none; peer the same but the text`,
      from: everything,
    },
    ...(['countries', 'categories', 'text'] as const).map((key) => ({
      name: `one of six filters removed (${key === 'text' ? '"syria"' : key === 'countries' ? country : category})`,
      from: everything,
      to: { ...everything, [key]: key === 'text' ? '' : [] },
      note: `ours from time, regions, levels, ${country}, ${category}, "syria" to the five others (a widening to a state never seen when the six were set together) and back; crossfilter2 not run`,
    })),
  ]
}

/** Sets the peer's filters to the base state (see baseSpec). */
function peerBase(table: EventTable, base: FilterSpec, dims: Peer['dims']): void {
  for (const dim of Object.values(dims)) dim.filterAll()
  const regionCodes = new Set(REGIONS.map((r) => table.places.regions.dict.indexOf.get(r)))
  dims.time.filterRange([Math.floor(base.timeRange!.fromMs / DAY_MS), Math.floor(base.timeRange!.toMs / DAY_MS) + 1])
  dims.region.filterFunction((r) => regionCodes.has(r))
  dims.level.filterRange([2, 6])
}

/** Median ms of changing from `a` to `b` and back: the mask update and every view. */
function oursFlipping(table: EventTable, a: FilterSpec, b: FilterSpec, runs: number): { on: number; off: number } {
  let mask = computeMask(table, a)
  computeViews(table, mask)
  return timeFlips((on) => {
    mask = on ? updateMask(table, mask, a, b) : updateMask(table, mask, b, a)
    return computeViews(table, mask)
  }, runs)
}

/** `spec` with its time brush moved by `hours` (none stays none): a state of its own. */
function shifted(spec: FilterSpec, hours: number): FilterSpec {
  const range = spec.timeRange
  return range === null ? spec : { ...spec, timeRange: { fromMs: range.fromMs + hours * 3_600_000, toMs: range.toMs + hours * 3_600_000 } }
}

/**
 * Ms of changing from `from` to `to` when neither state was seen before (nothing kept to serve
 * it): a fresh mask and views for both moved by `hours` (so no state repeats), untimed, then the
 * change and every view, timed.
 */
function oursOnce(table: EventTable, from: FilterSpec, to: FilterSpec, hours: number): number {
  const a = shifted(from, hours)
  const b = shifted(to, hours)
  const mask = computeMask(table, a)
  computeViews(table, mask)
  const t0 = performance.now()
  consume(computeViews(table, updateMask(table, mask, a, b)))
  return performance.now() - t0
}

/** Median ms of `runs` first-time changes (see oursOnce), each of its own hour; the first run warms up. */
function oursFirstTime(table: EventTable, from: FilterSpec, to: FilterSpec, runs: number): number {
  const samples: number[] = []
  for (let run = 0; run <= runs; run++) {
    const ms = oursOnce(table, from, to, run)
    if (run > 0) samples.push(ms)
  }
  return median(samples)
}

/**
 * Ours' first-time change both ways and the peer's flip both ways, timed in turn in one loop:
 * apply, peer on, reverse, peer off. Each side's timed call then follows the other side's work,
 * as a change in the app follows the panels' paint; ours' timed change always follows its own
 * untimed setup (oursOnce), so timing the peer's flips back to back, with nothing between, would
 * time it with its data hot in the caches and ours without. Medians, ms; the first round warms up.
 */
function interleaved(table: EventTable, from: FilterSpec, to: FilterSpec, peer: Peer, flip: (dims: Peer['dims'], on: boolean) => void, runs: number): { apply: number; back: number; on: number; off: number } {
  const samples = { apply: [] as number[], back: [] as number[], on: [] as number[], off: [] as number[] }
  const peerOnce = (on: boolean): number => {
    const t0 = performance.now()
    flip(peer.dims, on)
    consume(peer.readAll())
    return performance.now() - t0
  }
  for (let run = 0; run <= runs; run++) {
    // The reverse half an hour on: the apply's two states are kept (seen-states.ts) and would serve it.
    const round = { apply: oursOnce(table, from, to, run), on: peerOnce(true), back: oursOnce(table, to, from, run + 0.5), off: peerOnce(false) }
    if (run > 0) for (const key of ['apply', 'back', 'on', 'off'] as const) samples[key].push(round[key])
  }
  return { apply: median(samples.apply), back: median(samples.back), on: median(samples.on), off: median(samples.off) }
}

/**
 * Ours both ways: the first time (the row's figure, the slower direction) and back and forth
 * between two states, which the kept states serve (in words only).
 */
function oursBothWays(table: EventTable, from: FilterSpec, to: FilterSpec, runs: number): { ms: number; words: string } {
  const apply = oursFirstTime(table, from, to, runs)
  const back = oursFirstTime(table, to, from, runs)
  const flips = oursFlipping(table, from, to, runs)
  return {
    ms: round(Math.max(apply, back)),
    words: `first time (neither state seen): apply ${round(apply)} ms, reverse ${round(back)} ms; back and forth (both states kept): apply ${round(flips.on)} ms, undo ${round(flips.off)} ms`,
  }
}

/** The slower direction, with both in words. */
function worst(flips: { on: number; off: number }): { ms: number; words: string } {
  return { ms: round(Math.max(flips.on, flips.off)), words: `apply ${round(flips.on)} ms, undo ${round(flips.off)} ms` }
}

/**
 * The table with every title made unique, packed as an import keeps them: the generator's titles
 * are a few hundred shared strings, a real file's are not. Each title gets a word of its own.
 */
function withUniqueTitles(table: EventTable): EventTable {
  const titles = new Array<string>(table.size)
  for (let row = 0; row < table.size; row++) titles[row] = `${titleAt(table, row)} report ${(row * 2654435761 % 4294967296).toString(36)}`
  return { ...table, titles: packStrings(titles) }
}

/** The text search rows: the index build (a worker's work in the app), then the search on shared and on unique titles. */
function textRows(table: EventTable, base: FilterSpec, runs: number): BenchRow[] {
  const to = { ...base, text: 'syria' }
  const unique = withUniqueTitles(table)
  const rows: BenchRow[] = []
  for (const [label, t] of [['generated titles (shared strings)', table], ['unique titles, packed as an import keeps them', unique]] as const) {
    const t0 = performance.now()
    const index = buildTextIndex(t.titles)
    const buildMs = performance.now() - t0
    adoptTextIndex(t.titles, index)
    const ours = oursBothWays(t, base, to, runs)
    rows.push({
      name: `filter change: text search (none ↔ "syria"), ${label} + all views`,
      n: table.size,
      ours_ms: ours.ms,
      peer: null,
      peer_ms: null,
      note: `ours (${ours.words}) = case-insensitive substring of title (token postings), actors or category + views; crossfilter2 has no text search; index built off the main thread (the app's text-index worker; here the same builder in this process) in ${round(buildMs)} ms, ${index.vocabulary.ends.length.toLocaleString('en-GB')} tokens, ${mb(index.rows.byteLength + index.offsets.byteLength + index.vocabulary.text.length * 2)} MB`,
    })
  }
  return rows
}

/** Rows for one table: every filter kind; `peer` null where crossfilter2 is not run (its records would not fit). */
/**
 * A measure's figure from `runs` runs, or, when that is under 2 ms (where a collection or a timer
 * tick is a large share of one run), from SUB_MS_RUNS_FACTOR times as many: the same for both sides.
 */
function steadier<T extends { ms: number }>(measure: (runs: number) => T, runs: number): T {
  const first = measure(runs)
  return first.ms < 2 ? measure(runs * SUB_MS_RUNS_FACTOR) : first
}

const SUB_MS_RUNS_FACTOR = 20

export function benchFilterKinds(table: EventTable, peer: Peer | null, runs: number, only?: RegExp): BenchRow[] {
  const base = baseSpec(table)
  // The titles' index, as the app's worker builds it at load: the changes that set or clear "syria" use it.
  adoptTextIndex(table.titles, buildTextIndex(table.titles))
  const rows: BenchRow[] = []
  let last: { name: string; ours: ReturnType<typeof oursBothWays> } | null = null
  for (const change of changes(table, base)) {
    if (only !== undefined && !only.test(change.name)) continue
    const from = change.from ?? base
    if (peer === null || change.peer === undefined) {
      const ours: { ms: number; words: string } = last?.name === change.name ? last.ours : steadier((n) => oursBothWays(table, from, change.to, n), runs)
      last = { name: change.name, ours }
      const skipped = peer === null && change.peer !== undefined ? '; peer not run at this size (its records would not fit in memory)' : ''
      rows.push({
        name: `filter change: ${change.name} + all views`,
        n: table.size,
        ours_ms: ours.ms,
        peer: null,
        peer_ms: null,
        note: `${change.note}${skipped}; ours' slower first-time direction shown (ours ${ours.words})`,
      })
      continue
    }
    const flip = change.peer.flip
    peerBase(table, base, peer.dims)
    flip(peer.dims, false)
    const both = steadier((n) => {
      const t = interleaved(table, from, change.to, peer, flip, n)
      return { ...t, ms: Math.max(t.apply, t.back, t.on, t.off) }
    }, runs)
    const flips = oursFlipping(table, from, change.to, runs)
    const backToBack = steadier(
      (n) =>
        worst(
          timeFlips((on) => {
            flip(peer.dims, on)
            return peer.readAll()
          }, n),
        ),
      runs,
    )
    rows.push({
      name: `filter change: ${change.name} + all views`,
      n: table.size,
      ours_ms: round(Math.max(both.apply, both.back)),
      peer: change.peer.label,
      peer_ms: round(Math.max(both.on, both.off)),
      note:
        `${change.note}; the slower direction of each shown, timed in turn in one loop (ours first time, neither state seen: apply ${round(both.apply)} ms, reverse ${round(both.back)} ms; ` +
        `peer apply ${round(both.on)} ms, undo ${round(both.off)} ms); ours back and forth (both states kept): apply ${round(flips.on)} ms, undo ${round(flips.off)} ms; ` +
        `peer flipped back to back with nothing between, its data hot in the caches: ${backToBack.words}`,
    })
  }
  if (only === undefined || only.test('text search')) rows.push(...textRows(table, base, runs))
  return rows
}
