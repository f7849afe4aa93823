import { DAY_MS } from '../../domain/dates.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import type { EventMarkData, EventRef, Facet, ListRow, MarkerView, PlacedSpans } from '../../domain/engine/views-engine.ts'
import type { EpochMs, ThreatEvent, ThreatLevel } from '../../domain/model.ts'
import type { Contribution, IndexSettings, IndexTarget } from '../../domain/threat-index.ts'
import { filterSql, type FilterDim, type SqlPart, type TextColumns } from '../../domain/warehouse/filter-sql.ts'
import { quotedTable } from '../../domain/warehouse/table-layout.ts'
import { readFrom, type SourceTable } from '../../domain/warehouse/source-table.ts'
import type { QueryOptions, WarehouseClient } from './warehouse-client.ts'
import type { ActorLevelRow } from './actor-levels.ts'
import { IndexTally, type IndexCell } from './weighted-index.ts'

/**
 * What the warehouse answers row by row: the list window, events by ref, every matching event,
 * the next or previous event, the actor facet, the timeline's markers, and indexes of targets
 * the cube does not hold (actors) with the events behind them. A ref is the row's `seq`.
 */

/** The list's order: newest first, then load order. */
const LIST_ORDER = 'start_ms DESC, seq ASC'

/**
 * The list's order as the table is read: the same order (`day` is the start's date, so it never
 * falls as the start rises), led by the sorting key's first column, so the warehouse reads the
 * table from its newest end and stops once the window is filled instead of sorting every match.
 */
const TABLE_LIST_ORDER = `day DESC, ${LIST_ORDER}`
const TABLE_LIST_ORDER_REVERSED = 'day ASC, start_ms ASC, seq DESC'

/**
 * The list's first windows are read from the newest days first: the days from the newest
 * matching start back as many days as hold about FIRST_WINDOW_ROWS of the table's rows (at its
 * average rows a day; at least one day, at most FIRST_WINDOW_DAYS), then eight times as many,
 * and so on, until the window is filled — the sorting key bounds each read to those days, so a
 * common word (or no filter) stops within the newest granules, however many events a day the
 * table holds. Windows further down than EARLY_STOP_ROWS are placed by the matching rows' count
 * per day (daysOfWindow) and read from their days alone.
 */
const FIRST_WINDOW_ROWS = 131_072
const FIRST_WINDOW_DAYS = 32
const WIDEN_WINDOW = 8
export const EARLY_STOP_ROWS = 5_000

/** The newest day any event starts on (days since 1970), and how many days back the first window reads (FIRST_WINDOW_ROWS). */
interface TableDays {
  readonly newest: number
  readonly firstDays: number
}

/** The first window's days: about FIRST_WINDOW_ROWS of a table of `rows` rows over days [oldest, newest], at least one, at most FIRST_WINDOW_DAYS. */
export function firstWindowDays(rows: number, oldest: number, newest: number): number {
  const perDay = rows / Math.max(1, newest - oldest + 1)
  return Math.min(FIRST_WINDOW_DAYS, Math.max(1, Math.ceil(FIRST_WINDOW_ROWS / perDay)))
}

/** The days a window's rows start on, newest and oldest (`YYYY-MM-DD`), and how many matching rows of those days come before it. */
interface WindowDays {
  readonly newest: string
  readonly oldest: string
  readonly skip: number
}

export interface RemoteRowsOptions {
  /** Rows down the list from which a window is placed by day counts (EARLY_STOP_ROWS; 0 places every window so). */
  readonly earlyStopRows?: number
}

/** Most events one export takes from the warehouse. */
export const MAX_EXPORT_EVENTS = 1_000_000

/** Most actors the facet lists. */
export const MAX_ACTORS = 5_000

/** Most (actor, level) groups the facet by level takes; a table with more has its facet asked per level filter. */
export const MAX_ACTOR_LEVELS = 20_000

/** Most events listed behind one index (a gauge's detail, an alert). */
export const MAX_CONTRIBUTIONS = 100

/** Most (start, end, level) groups one index line takes. */
export const MAX_INDEX_CELLS = 500_000

/** Level 4–5 events get a timeline marker; beyond MAX_MARKERS they merge per bar (as local markers.ts). */
const MARKER_MIN_LEVEL = 4
const MAX_MARKERS = 300

export class RemoteRows {
  private readonly from: string

  /** The table without FINAL: for reading rows whose `seq` a FINAL query chose. */
  private readonly plain: string

  private newest: Promise<TableDays | null> | null = null

  /** How the table holds what the text filter searches. */
  private readonly text: TextColumns

  private readonly earlyStopRows: number

  /**
   * What a window's rows are found by again: the sorting key and seq for a table, so the read is
   * pruned by the primary key; seq alone for a view (it has no key to prune by).
   */
  private readonly windowKey: readonly string[]

  constructor(
    private readonly client: WarehouseClient,
    table: SourceTable,
    options: RemoteRowsOptions = {},
  ) {
    this.from = readFrom(table)
    this.text = table.text ?? 'fields'
    this.plain = quotedTable(table)
    this.earlyStopRows = options.earlyStopRows ?? EARLY_STOP_ROWS
    this.windowKey = table.view === true ? ['seq'] : ['day', 'place', 'id', 'seq']
  }

  /**
   * The latest version of the rows whose seq is in `seqs` (a parameter), with `columns`. `seq` is
   * not in the sorting key: the read finds the rows by the seq index (table-layout.ts
   * SEQ_INDEX_SQL), and the wide `event` column is read for those rows alone (seq goes to PREWHERE).
   */
  private latestBySeq(columns: readonly string[], seqs: string): string {
    return this.latest(columns, `seq IN ${seqs}`)
  }

  /**
   * The latest version of the rows a window chose (`chosen`, a subquery of windowKey under
   * FINAL), with `columns`. Choosing rows reads only the sorting and filter columns; the wide
   * `event` column is then read for those rows alone, where a FINAL read of it would decompress
   * it for the whole window's days. The chosen rows are found by their sorting key, so the read
   * takes the granules that hold them and no other (by seq alone it scanned every granule's
   * seq); the `seq` beside the key leaves out an older version of the same event loaded under
   * another seq, which FINAL did not choose.
   */
  private latestOfWindow(columns: readonly string[], chosen: string): string {
    return this.latest(columns, `(${this.windowKey.join(', ')}) IN ${chosen}`)
  }

  private latest(columns: readonly string[], where: string): string {
    const latest = `SELECT seq, argMax(tuple(${columns.join(', ')}), version) AS latest FROM ${this.plain} WHERE ${where} GROUP BY seq`
    return `SELECT seq, ${columns.map((c, i) => `latest.${i + 1} AS ${c}`).join(', ')} FROM (${latest})`
  }

  private rows<T>(sql: string, params: Readonly<Record<string, unknown>>, options: QueryOptions = {}): Promise<T[]> {
    return this.client.rows<T>(sql, params, options)
  }

  /**
   * The newest day any event starts on and the first window's days, read once; null for an empty
   * table. Shared by every caller, so no caller's signal aborts it (it reads one small column).
   */
  private tableDays(): Promise<TableDays | null> {
    this.newest ??= this.rows<{ n: number; newest: number; oldest: number }>(`SELECT count() AS n, max(start_ms) AS newest, min(start_ms) AS oldest FROM ${this.plain}`, {}).then(
      ([row]) => {
        if (row === undefined || Number(row.n) === 0) return null
        const newest = Math.floor(Number(row.newest) / DAY_MS)
        return { newest, firstDays: firstWindowDays(Number(row.n), Math.floor(Number(row.oldest) / DAY_MS), newest) }
      },
    )
    this.newest.catch(() => {
      this.newest = null
    })
    return this.newest
  }

  /**
   * The first days a window is read from, newest first (see FIRST_WINDOW_ROWS): each a first
   * day as `YYYY-MM-DD`, ending with null for the whole table. Rows newer than the table's newest
   * start when it was read are inside every bound, so a table that grew answers the same.
   */
  private async windowBounds(filter: FilterSpec): Promise<(string | null)[]> {
    const days = await this.tableDays()
    if (days === null) return [null]
    const { newest, firstDays } = days
    // No event starting after the time range's end passes it.
    const top = filter.timeRange === null ? newest : Math.min(newest, Math.floor((Math.floor(filter.timeRange.toMs) - 1) / DAY_MS))
    const bounds: (string | null)[] = []
    // `day` is a Date, so days before 1970 are all its first day: those windows read the whole table.
    for (let back = firstDays; top - back > 0; back *= WIDEN_WINDOW) bounds.push(new Date((top - back) * DAY_MS).toISOString().slice(0, 10))
    return [...bounds, null]
  }

  /**
   * The days holding rows [offset, offset + length) of the list, from the matching rows' count
   * per day; null when the list is shorter than `offset`. The list's order leads with `day`
   * (newest first), so the rows of the days newer than the window's first day all come before
   * it, and the window is the rows of its own days from `skip` on. The counts are of the very
   * rows the window is read from (the same FROM, FINAL included, and the same condition, text
   * included), grouped by the `day` the list is ordered by, so they agree row for row; reading
   * them takes the day and the filters' columns alone.
   */
  private async daysOfWindow(where: SqlPart, offset: number, length: number, signal?: AbortSignal): Promise<WindowDays | null> {
    // `above`: the matching rows of the newer days. A day is in the window when its rows [above, above + n) meet it.
    // (The answer's columns take names of their own: an alias `above` would stand for the aggregate in WHERE.)
    const [row] = await this.rows<{ days: number; newest: string; oldest: string; before: number }>(
      `SELECT count() AS days, max(day) AS newest, min(day) AS oldest, min(above) AS before FROM (
         SELECT day, n, sum(n) OVER (ORDER BY day DESC) - n AS above
         FROM (SELECT day, count() AS n FROM ${this.from} WHERE ${where.sql} GROUP BY day)
       ) WHERE above < {w_end:UInt64} AND above + n > {w_offset:UInt64}`,
      { ...where.params, w_offset: offset, w_end: offset + length },
      { signal },
    )
    if (row === undefined || Number(row.days) === 0) return null
    return { newest: row.newest, oldest: row.oldest, skip: offset - Number(row.before) }
  }

  /** The keys (windowKey) of list rows [offset, offset + length) passing `where`, as a subquery, with its parameters; null when there are none. */
  private async windowSeqs(filter: FilterSpec, where: SqlPart, offset: number, length: number, signal?: AbortSignal): Promise<SqlPart[] | null> {
    const seqs = (extra: string, params: Readonly<Record<string, unknown>>): SqlPart => ({
      sql: `(SELECT ${this.windowKey.join(', ')} FROM ${this.from} WHERE ${where.sql}${extra} ORDER BY ${TABLE_LIST_ORDER} LIMIT {length:UInt32} OFFSET {offset:UInt64})`,
      params: { ...where.params, length, ...params },
    })
    if (offset + length <= this.earlyStopRows) {
      const bounds = await this.windowBounds(filter)
      return bounds.map((from) => (from === null ? seqs('', { offset }) : seqs(' AND day >= {window_from:Date}', { offset, window_from: from })))
    }
    if (length === 0) return null
    const days = await this.daysOfWindow(where, offset, length, signal)
    if (days === null) return null
    return [seqs(' AND day <= {w_newest:Date} AND day >= {w_oldest:Date}', { offset: days.skip, w_newest: days.newest, w_oldest: days.oldest })]
  }

  async listWindow(filter: FilterSpec, offset: number, length: number, signal?: AbortSignal): Promise<ListRow[]> {
    const where = filterSql(filter, [], this.text)
    let rows: { seq: number; event: string; regions: string[] }[] = []
    for (const seqs of (await this.windowSeqs(filter, where, offset, length, signal)) ?? []) {
      rows = await this.rows(`${this.latestOfWindow(['event', 'regions', 'start_ms'], seqs.sql)} ORDER BY ${LIST_ORDER}`, seqs.params, { signal })
      // A filled window holds the newest matches: every row of the days left out comes after it.
      if (rows.length === length) break
    }
    return rows.map((row) => {
      const event = JSON.parse(row.event) as ThreatEvent
      return { ref: row.seq, event, regions: row.regions.slice(0, 1), isNew: false }
    })
  }

  async events(refs: readonly EventRef[], signal?: AbortSignal): Promise<ThreatEvent[]> {
    if (refs.length === 0) return []
    const rows = await this.rows<{ seq: number; event: string }>(this.latestBySeq(['event'], '{refs:Array(UInt64)}'), { refs: [...refs] }, { signal })
    const bySeq = new Map(rows.map((r) => [r.seq, JSON.parse(r.event) as ThreatEvent]))
    return refs.flatMap((ref) => bySeq.get(ref) ?? [])
  }

  async matchingEvents(filter: FilterSpec, signal?: AbortSignal): Promise<ThreatEvent[]> {
    const where = filterSql(filter, [], this.text)
    const rows = await this.rows<{ event: string }>(`SELECT event FROM ${this.from} WHERE ${where.sql} ORDER BY ${TABLE_LIST_ORDER}`, where.params, {
      signal,
      maxRows: MAX_EXPORT_EVENTS,
    })
    return rows.map((r) => JSON.parse(r.event) as ThreatEvent)
  }

  /**
   * The `limit` highest-level matching events, newest first within a level (as the local
   * top-events.ts): the order `level DESC, start_ms DESC, seq`. Read a level at a time from the
   * highest, each level's newest rows from the newest days back (windowBounds) until the level
   * gives what is still needed: the rows are chosen by the sorting and filter columns alone and
   * `event` is read for those rows alone (latestOfWindow), where ordering every match by level
   * read `event` under FINAL over the whole table. `levelCounts` (the matching events per level,
   * index 1–5, the level filter ignored: the cube's) skips the levels with none and ends a level
   * once its every match is read; without it a level ends at the table's oldest day.
   */
  async topEvents(filter: FilterSpec, limit: number, signal?: AbortSignal, levelCounts?: ArrayLike<number>): Promise<ThreatEvent[]> {
    const where = filterSql(filter, [], this.text)
    const top: ThreatEvent[] = []
    let bounds: (string | null)[] | null = null
    for (let level = 5; level >= 1 && top.length < limit; level--) {
      if (filter.levels.length > 0 && !filter.levels.includes(level as ThreatLevel)) continue
      const need = Math.min(limit - top.length, levelCounts === undefined ? Infinity : Number(levelCounts[level] ?? 0))
      if (need <= 0) continue
      bounds ??= await this.windowBounds(filter)
      let rows: { event: string }[] = []
      for (const from of bounds) {
        const days = from === null ? '' : ' AND day >= {window_from:Date}'
        const chosen = `(SELECT ${this.windowKey.join(', ')} FROM ${this.from} WHERE ${where.sql} AND level = {top_level:UInt8}${days} ORDER BY ${TABLE_LIST_ORDER} LIMIT {length:UInt32})`
        rows = await this.rows(`${this.latestOfWindow(['event', 'start_ms'], chosen)} ORDER BY ${LIST_ORDER}`, { ...where.params, top_level: level, length: need, ...(from === null ? {} : { window_from: from }) }, { signal })
        // The level's newest `need` rows are in: every row of the days left out is older.
        if (rows.length === need) break
      }
      for (const row of rows) top.push(JSON.parse(row.event) as ThreatEvent)
    }
    return top
  }

  /** The matching event `step` places after (+1) or before (−1) `ref` in list order; the first or last when `ref` is null or not matching. */
  async adjacent(filter: FilterSpec, ref: EventRef | null, step: 1 | -1): Promise<EventRef | null> {
    const where = filterSql(filter, [], this.text)
    const edge = async (): Promise<EventRef | null> => {
      const order = step === 1 ? TABLE_LIST_ORDER : TABLE_LIST_ORDER_REVERSED
      const rows = await this.rows<{ seq: number }>(`SELECT seq FROM ${this.from} WHERE ${where.sql} ORDER BY ${order} LIMIT 1`, where.params)
      return rows[0]?.seq ?? null
    }
    if (ref === null) return edge()
    const at = await this.rows<{ start_ms: number }>(`SELECT start_ms FROM ${this.from} WHERE ${where.sql} AND seq = {ref:UInt64}`, { ...where.params, ref })
    if (at.length === 0) return edge()
    const after = step === 1 ? '(start_ms < {at:Int64} OR (start_ms = {at:Int64} AND seq > {ref:UInt64}))' : '(start_ms > {at:Int64} OR (start_ms = {at:Int64} AND seq < {ref:UInt64}))'
    const order = step === 1 ? TABLE_LIST_ORDER : TABLE_LIST_ORDER_REVERSED
    const rows = await this.rows<{ seq: number }>(`SELECT seq FROM ${this.from} WHERE ${where.sql} AND ${after} ORDER BY ${order} LIMIT 1`, {
      ...where.params,
      at: at[0]!.start_ms,
      ref,
    })
    // At the end of the list, stay on the last event (as the local engine does).
    return rows[0]?.seq ?? ref
  }

  /**
   * The events of one country, region or actor overlapping [fromMs, toMs), whatever the filters:
   * highest level first, then newest, at most `limit`, with how many there are.
   */
  async eventsOf(subject: IndexTarget, fromMs: EpochMs, toMs: EpochMs, limit: number): Promise<{ refs: EventRef[]; events: ThreatEvent[]; total: number }> {
    const column = subject.kind === 'region' ? 'regions' : subject.kind === 'country' ? 'countries' : 'actors'
    const where = `has(${column}, {subject:String}) AND start_ms < {to_ms:Int64} AND end_ms > {from_ms:Int64}`
    const params = { subject: subject.value, to_ms: Math.floor(toMs), from_ms: Math.ceil(fromMs), limit }
    const [counted, rows] = await Promise.all([
      this.rows<{ n: number }>(`SELECT count() AS n FROM ${this.from} WHERE ${where}`, params),
      this.rows<{ seq: number; event: string }>(`SELECT seq, event FROM ${this.from} WHERE ${where} ORDER BY level DESC, ${LIST_ORDER} LIMIT {limit:UInt32}`, params),
    ])
    return { refs: rows.map((r) => r.seq), events: rows.map((r) => JSON.parse(r.event) as ThreatEvent), total: counted[0]?.n ?? 0 }
  }

  /** The matching events with a place overlapping `span`, as columns; rejects (too large) beyond `limit`. */
  async placedSpans(filter: FilterSpec, span: { fromMs: EpochMs; toMs: EpochMs }, limit: number, signal?: AbortSignal): Promise<PlacedSpans> {
    const where = filterSql(filter, [], this.text)
    const rows = await this.rows<{ lon: number; lat: number; level: number; start_ms: number; end_ms: number }>(
      `SELECT lon, lat, level, start_ms, end_ms FROM ${this.from}
       WHERE ${where.sql} AND lat IS NOT NULL AND lon IS NOT NULL AND start_ms < {span_to:Int64} AND end_ms > {span_from:Int64}`,
      { ...where.params, span_to: Math.ceil(span.toMs), span_from: Math.floor(span.fromMs) },
      { signal, maxRows: limit },
    )
    return {
      size: rows.length,
      lonDeg: Float32Array.from(rows, (r) => r.lon),
      latDeg: Float32Array.from(rows, (r) => r.lat),
      level: Uint8Array.from(rows, (r) => r.level),
      startMs: Float64Array.from(rows, (r) => Number(r.start_ms)),
      endMs: Float64Array.from(rows, (r) => Number(r.end_ms)),
    }
  }

  /** A fingerprint of the table's events: their number and an order-free hash of ids and versions. */
  async dataHash(): Promise<string> {
    const [row] = await this.rows<{ n: number; h: string }>(`SELECT count() AS n, hex(groupBitXor(cityHash64(id, version))) AS h FROM ${this.from}`, {})
    return `ch:${row?.n ?? 0}:${row?.h ?? ''}`
  }

  /**
   * The events passing every filter: under a text filter found from the token index's postings
   * (docs/warehouse.md, "The token index"), the same rows the list window and the cube read.
   */
  async count(filter: FilterSpec, signal?: AbortSignal): Promise<number> {
    const where = filterSql(filter, [], this.text)
    const [row] = await this.rows<{ n: number | string }>(`SELECT count() AS n FROM ${this.from} WHERE ${where.sql}`, where.params, { signal })
    return Number(row?.n ?? 0)
  }

  /** Actors with their counts and highest level, the actor filter ignored. */
  async actorFacet(filter: FilterSpec, signal?: AbortSignal): Promise<Facet> {
    const where = filterSql(filter, ['actor'], this.text)
    const rows = await this.rows<{ actor: string; n: number; max_level: number }>(
      `SELECT actor, count() AS n, max(level) AS max_level FROM ${this.from} ARRAY JOIN arrayDistinct(actors) AS actor
       WHERE ${where.sql} GROUP BY actor ORDER BY n DESC, actor LIMIT ${MAX_ACTORS}`,
      where.params,
      { signal },
    )
    return { values: rows.map((r) => r.actor), counts: Uint32Array.from(rows, (r) => r.n), maxLevel: Uint8Array.from(rows, (r) => r.max_level) }
  }

  /**
   * The matching events per actor and level, the actor and level filters ignored (actor-levels.ts
   * sums any level filter's facet from it); null when there are more than MAX_ACTOR_LEVELS groups.
   */
  async actorLevels(filter: FilterSpec, signal?: AbortSignal): Promise<ActorLevelRow[] | null> {
    const where = filterSql(filter, ['actor', 'level'], this.text)
    const rows = await this.rows<ActorLevelRow>(
      `SELECT actor, level, count() AS n FROM ${this.from} ARRAY JOIN arrayDistinct(actors) AS actor
       WHERE ${where.sql} GROUP BY actor, level LIMIT {groups:UInt32}`,
      { ...where.params, groups: MAX_ACTOR_LEVELS + 1 },
      { signal },
    )
    return rows.length > MAX_ACTOR_LEVELS ? null : rows
  }

  /** The level 4–5 events overlapping the span, every filter but time applied (as the local engine's markers). */
  async markers(filter: FilterSpec, span: { fromMs: EpochMs; toMs: EpochMs }, signal?: AbortSignal): Promise<MarkerView> {
    const where = filterSql(filter, ['time'], this.text)
    const inSpan = `${where.sql} AND level >= ${MARKER_MIN_LEVEL} AND start_ms < {span_to:Int64} AND end_ms > {span_from:Int64}`
    const params = { ...where.params, span_to: Math.floor(span.toMs), span_from: Math.ceil(span.fromMs) }
    const [{ n }] = (await this.rows<{ n: number }>(`SELECT count() AS n FROM ${this.from} WHERE ${inSpan}`, params, { signal })) as [{ n: number }]
    if (n > MAX_MARKERS) return { marks: [], total: n, merged: true }
    const rows = await this.rows<{ seq: number; title: string; start_ms: number; end_ms: number; precision: string; level: number }>(
      `SELECT seq, title, start_ms, end_ms, precision, level FROM ${this.from} WHERE ${inSpan}
       ORDER BY end_ms - start_ms DESC, start_ms ASC, seq ASC LIMIT ${MAX_MARKERS}`,
      params,
      { signal },
    )
    const marks: EventMarkData[] = rows.map((r) => ({
      ref: r.seq,
      title: r.title,
      startMs: r.start_ms,
      endMs: r.end_ms,
      precision: r.precision as EventMarkData['precision'],
      level: r.level as ThreatLevel,
      isNew: false,
    }))
    return { marks, total: n, merged: false }
  }

  /** The condition for the events of `target` (all when null) passing the filters but `ignored`. */
  private targetWhere(filter: FilterSpec, ignored: readonly FilterDim[], target: IndexTarget | null): SqlPart {
    const where = filterSql(filter, ignored, this.text)
    if (target === null) return where
    const column = target.kind === 'region' ? 'regions' : target.kind === 'country' ? 'countries' : 'actors'
    return { sql: `${where.sql} AND has(${column}, {target:String})`, params: { ...where.params, target: target.value } }
  }

  /** As targetWhere, for the events touching the index windows of `asOfMs`. */
  private windowWhere(filter: FilterSpec, ignored: readonly FilterDim[], target: IndexTarget | null, asOfMs: EpochMs, settings: IndexSettings): SqlPart {
    const where = this.targetWhere(filter, ignored, target)
    return {
      sql: `${where.sql} AND start_ms < {as_of:Int64} AND end_ms > {windows_from:Int64}`,
      params: { ...where.params, as_of: asOfMs, windows_from: asOfMs - 2 * settings.windowDays * DAY_MS },
    }
  }

  /**
   * The events of `target` (every event when null) passing the filters but `ignored`, grouped by
   * start, end and level: what an index needs. With `window`, only those touching its two index windows.
   */
  async cells(
    filter: FilterSpec,
    ignored: readonly FilterDim[],
    target: IndexTarget | null,
    window: { asOfMs: EpochMs; settings: IndexSettings } | null,
    signal?: AbortSignal,
  ): Promise<IndexCell[]> {
    const where = window === null ? this.targetWhere(filter, ignored, target) : this.windowWhere(filter, ignored, target, window.asOfMs, window.settings)
    const rows = await this.rows<{ start_ms: number; end_ms: number; level: number; n: number }>(
      `SELECT start_ms, end_ms, level, count() AS n FROM ${this.from} WHERE ${where.sql} GROUP BY start_ms, end_ms, level ORDER BY start_ms`,
      where.params,
      { signal, maxRows: MAX_INDEX_CELLS },
    )
    return rows.map((r) => ({ startMs: r.start_ms, endMs: r.end_ms, level: r.level, n: r.n }))
  }

  /** The index of `target` (every event when null) over the events passing the filters but `ignored`. */
  async indexTally(filter: FilterSpec, ignored: readonly FilterDim[], target: IndexTarget | null, asOfMs: EpochMs, settings: IndexSettings, signal?: AbortSignal): Promise<IndexTally> {
    const tally = new IndexTally(asOfMs, settings)
    for (const c of await this.cells(filter, ignored, target, { asOfMs, settings }, signal)) tally.add(c.startMs, c.endMs, c.level, c.n)
    return tally
  }

  /**
   * The events behind an index, largest share first (at most MAX_CONTRIBUTIONS): the warehouse
   * orders the window's events by the same weight the index gives them (severity × recency ×
   * the part inside the window; the part alone for the peak method), and shares are taken of
   * `tally`'s total.
   */
  async contributions(
    filter: FilterSpec,
    ignored: readonly FilterDim[],
    target: IndexTarget | null,
    tally: IndexTally,
    asOfMs: EpochMs,
    settings: IndexSettings,
    signal?: AbortSignal,
  ): Promise<Contribution[]> {
    if (tally.eventCount === 0) return []
    const where = this.windowWhere(filter, ignored, target, asOfMs, settings)
    const fraction =
      '(least(end_ms, {as_of:Int64}) - greatest(start_ms, {as_of:Int64} - {window_ms:Int64})) / greatest(1, end_ms - start_ms)'
    const weight =
      settings.method === 'peak'
        ? fraction
        : `pow(2, level - 1) * pow(0.5, ({as_of:Int64} - least(end_ms, {as_of:Int64})) / ${DAY_MS} / {half_life:Float64}) * ${fraction}`
    const rows = await this.rows<{ seq: number; start_ms: number; end_ms: number; level: number }>(
      `SELECT seq, start_ms, end_ms, level, ${weight} AS w FROM ${this.from}
       WHERE ${where.sql} AND start_ms < {as_of:Int64} AND end_ms > {as_of:Int64} - {window_ms:Int64}
       ORDER BY w DESC, start_ms DESC, seq ASC LIMIT ${MAX_CONTRIBUTIONS}`,
      { ...where.params, window_ms: settings.windowDays * DAY_MS, half_life: settings.halfLifeDays },
      { signal },
    )
    // The weights are made again here with the index's own arithmetic, so shares sum as the gauge's.
    const total = tally.totalWeight
    return rows.map((r) => {
      const w = new IndexTally(asOfMs, settings).add(r.start_ms, r.end_ms, r.level, 1)
      return { row: r.seq, weight: w, share: total > 0 ? w / total : 0 }
    })
  }
}
