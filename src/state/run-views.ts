import type { EventTable } from '../domain/table-types.ts'
import type { FilterSpec } from '../domain/engine/filter-spec.ts'
import { LocalEngine } from '../domain/engine/local/local-engine.ts'
import { VIEW_PARTS, type AsOfSetting, type IndexWindowMode, type ViewPart, type ViewRequest } from '../domain/engine/views-engine.ts'
import type { RegionDef } from '../domain/model.ts'
import type { WatchItem } from '../domain/alerts.ts'
import type { IndexSettings } from '../domain/threat-index.ts'
import { placeEvents } from './project-positions.ts'
import type { DatasetMeta } from './data-slice.ts'
import type { WatchfloorState } from './store-types.ts'
import type { PanelAsks } from './view-slice.ts'

/** Tables at least this large make each panel's part of the first answer in a task of its own. */
export const STAGED_PART_ROWS = 20_000

const NO_REGIONS: readonly RegionDef[] = []

/** What the request is made from. */
export interface RequestInputs {
  readonly filter: FilterSpec
  readonly asOfSetting: AsOfSetting
  readonly indexSettings: IndexSettings
  /** Optional for callers that predate it; 'range' when absent. */
  readonly indexWindow?: IndexWindowMode
  readonly meta: DatasetMeta | null
  readonly watchlist: readonly WatchItem[]
  readonly asks: PanelAsks
}

/** The request for the store's filters, settings and panel asks. */
export function requestOf(s: RequestInputs, nowMs: number = Date.now()): ViewRequest {
  return {
    filter: s.filter,
    asOf: s.asOfSetting,
    nowMs,
    index: s.indexSettings,
    indexWindow: s.indexWindow ?? 'range',
    customRegions: s.meta?.customRegions ?? NO_REGIONS,
    timeline: s.asks.timeline,
    gauges: s.asks.gauges,
    map: s.asks.map,
    points: s.asks.points,
    list: s.asks.list,
    watchlist: s.watchlist,
    compare: s.asks.compare,
  }
}

function partsBut(pending: ReadonlySet<ViewPart>): ReadonlySet<ViewPart> {
  return new Set(VIEW_PARTS.filter((p) => !pending.has(p)))
}

/**
 * The store's change `patch` with the engine's answer to the request it makes: the local engine
 * answers at once, remaking only the parts whose inputs changed. Parts a new large table has
 * yet to make stay as they are (null) until their turn. In warehouse mode the patch is applied
 * alone: the remote engine answers when the store changes (warehouse-slice.ts).
 */
export function answerNow(state: WatchfloorState, patch: Partial<WatchfloorState>): Partial<WatchfloorState> {
  const next = { ...state, ...patch }
  // A warehouse answers for itself, asynchronously (warehouse-slice.ts).
  if (next.remote !== null) return patch
  // A timeline ask made for another time filter waits for the chart's next ask (see TimelineAsk.madeFor).
  const stale = next.asks.timeline !== null && next.asks.timeline.madeFor !== next.filter.timeRange
  const views = next.engine.answer(requestOf(next), partsBut(stale ? new Set([...next.pendingParts, 'timeline']) : next.pendingParts))
  return { ...patch, views, asOfMs: views.asOfMs }
}

/** Engines made for tables about to be shown (an import's preview), each taken once. */
const enginesAhead = new WeakMap<EventTable, LocalEngine>()

/**
 * Makes the engine of a table about to be shown, and its masks and counts for the current
 * filters: the masks in this task, the counts in the next, as at a million rows the two together
 * would block the page for more than 50 ms. Resolves once they are made.
 */
export function prepareEngine(table: EventTable, inputs: RequestInputs): Promise<void> {
  const engine = new LocalEngine(table)
  engine.prepareMask(inputs.filter)
  // The map's positions are made in a worker meanwhile, so the events are on the map at once.
  void placeEvents(engine)
  return new Promise((resolve) =>
    setTimeout(() => {
      engine.answer(requestOf(inputs), new Set())
      enginesAhead.set(table, engine)
      resolve()
    }, 0),
  )
}

/** True when an engine for `table` was prepared ahead and not yet taken. */
export function isPrepared(table: EventTable): boolean {
  return enginesAhead.has(table)
}

/** The engine for `table`: the one prepared ahead (taken once), else a new one. */
export function engineFor(table: EventTable): LocalEngine {
  const ahead = enginesAhead.get(table)
  enginesAhead.delete(table)
  return ahead ?? new LocalEngine(table)
}

/** After a large table is put on screen, each pending part in a task of its own, in panel order. */
export function fillPendingParts(get: () => WatchfloorState, set: (patch: Partial<WatchfloorState>) => void, engine: LocalEngine): void {
  const step = (): void => {
    const state = get()
    if (state.engine !== engine || state.pendingParts.size === 0) return
    const part = VIEW_PARTS.find((p) => state.pendingParts.has(p))!
    const pendingParts = new Set(state.pendingParts)
    pendingParts.delete(part)
    set(answerNow(state, { pendingParts }))
    if (pendingParts.size > 0) setTimeout(step, 0)
  }
  setTimeout(step, 0)
}
