import type { EventTable } from '../domain/table-types.ts'
import type { FilterSpec } from '../domain/engine/filter-spec.ts'
import { LocalEngine } from '../domain/engine/local/local-engine.ts'
import { dayRuns } from '../domain/engine/local/day-runs.ts'
import { rowKeys } from '../domain/engine/local/row-keys.ts'
import { VIEW_PARTS, type AsOfSetting, type IndexWindowMode, type ViewPart, type ViewRequest, type Views } from '../domain/engine/views-engine.ts'
import type { RegionDef } from '../domain/model.ts'
import type { WatchItem } from '../domain/alerts.ts'
import type { IndexSettings } from '../domain/threat-index.ts'
import { placeEvents } from './project-positions.ts'
import { inBackground } from './background-task.ts'
import { resolveTitleRows, titleSearchNeeded } from '../domain/engine/local/title-rows.ts'
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
 * Tables at least this large answer a filter change in stages: the count and facets in the
 * change's own task, each other part in a task of its own after that paints (`fillStaleParts`).
 * Below it a whole answer takes a few milliseconds.
 */
export const STAGED_CHANGE_ROWS = 200_000

const NO_PARTS: ReadonlySet<ViewPart> = new Set()

/** Whether `request` asks for `part` at all (a part not asked for is null, never stale). */
function asks(request: ViewRequest, part: ViewPart): boolean {
  return part === 'watched' || request[part] !== null
}

/** True when the timeline's ask was made for another time filter (see TimelineAsk.madeFor). */
function timelineAskStale(s: WatchfloorState): boolean {
  return s.asks.timeline !== null && s.asks.timeline.madeFor !== s.filter.timeRange
}

/**
 * The answer for `next` making every part but the pending ones, the stale ones and `also`;
 * a stale part the engine does not have for this request shows the answer on screen (`shown`)
 * and stays stale. A stale part the engine has at hand (a kept state) is current at once.
 */
function answerFor(
  next: WatchfloorState,
  shown: Views | null,
  stale: ReadonlySet<ViewPart>,
): { readonly views: Views; readonly staleParts: ReadonlySet<ViewPart> } {
  const request = requestOf(next)
  const skipped = new Set([...next.pendingParts, ...stale])
  // A timeline ask made for another time filter waits for the chart's next ask.
  if (timelineAskStale(next)) skipped.add('timeline')
  const made = next.engine.answer(request, partsBut(skipped))
  if (stale.size === 0 || shown === null) return { views: made, staleParts: NO_PARTS }
  const still = new Set<ViewPart>()
  const kept: Partial<Record<ViewPart, unknown>> = {}
  for (const part of stale) {
    if (!asks(request, part) || made[part] !== null) continue
    still.add(part)
    // A timeline answered for another span is not drawn over the new one (the chart asks anew).
    if (!(part === 'timeline' && timelineAskStale(next))) kept[part] = shown[part]
  }
  return { views: { ...made, ...kept } as Views, staleParts: still.size === 0 ? NO_PARTS : still }
}

/**
 * The store's change `patch` with the engine's answer to the request it makes: the local engine
 * answers at once, remaking only the parts whose inputs changed. Parts a new large table has
 * yet to make stay as they are (null) until their turn; parts a filter change left stale keep
 * the answer on screen until theirs (`fillStaleParts`). In warehouse mode the patch is applied
 * alone: the remote engine answers when the store changes (warehouse-slice.ts).
 */
export function answerNow(state: WatchfloorState, patch: Partial<WatchfloorState>): Partial<WatchfloorState> {
  const next = { ...state, ...patch }
  // A warehouse answers for itself, asynchronously (warehouse-slice.ts).
  if (next.remote !== null) return next.staleParts.size === 0 ? patch : { ...patch, staleParts: NO_PARTS }
  // A new engine (a new table) keeps nothing of the last answer.
  const sameEngine = next.engine === state.engine
  const { views, staleParts } = answerFor(next, sameEngine ? state.views : null, sameEngine ? next.staleParts : NO_PARTS)
  return { ...patch, views, staleParts, asOfMs: views.asOfMs }
}

/**
 * A filter change: on a large table, the count, the facets and the parts the engine has at hand
 * now, every other part left stale (its last answer stays on screen, its panel busy) for
 * `fillStaleParts` to make one a task; on a small one, `answerNow`.
 */
export function answerChange(state: WatchfloorState, patch: Partial<WatchfloorState>): Partial<WatchfloorState> {
  const next = { ...state, ...patch }
  if (next.remote !== null || next.engine.table.size < STAGED_CHANGE_ROWS) return answerNow(state, patch)
  const stale = new Set([...state.staleParts, ...VIEW_PARTS.filter((p) => !next.pendingParts.has(p))])
  const { views, staleParts } = answerFor(next, state.views, stale)
  return { ...patch, views, staleParts, asOfMs: views.asOfMs }
}

/** The stores with a fill of stale parts under way. */
const filling = new WeakSet<() => WatchfloorState>()

/** Runs `run` in a task after the next painted frame (a timer stands in when no frame comes: a hidden tab). */
function afterNextPaint(run: () => void): void {
  let started = false
  const go = (): void => {
    if (started) return
    started = true
    setTimeout(run, 0)
  }
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go)
  setTimeout(go, 100)
}

/**
 * The parts a fill makes together, in panel order: one panel's parts a task, but the map's two
 * apart. Its shading and its event layer are each a pass over the rows (the points frame on a
 * brush or a first level toggle, the place totals on a new region or actor) and each repaints
 * its canvas, so together they were the fill's longest task at 1M; the map stays busy (faded)
 * until both are made.
 */
const PANEL_GROUPS: readonly (readonly ViewPart[])[] = [['timeline'], ['gauges', 'watched', 'compare'], ['map'], ['points'], ['list']]

/** The next stale parts to make: the first panel's with any that can be made now. */
function nextGroup(state: WatchfloorState): readonly ViewPart[] {
  const ready = (p: ViewPart): boolean => state.staleParts.has(p) && !(p === 'timeline' && timelineAskStale(state))
  for (const group of PANEL_GROUPS) {
    const parts = group.filter(ready)
    if (parts.length > 0) return parts
  }
  return []
}

/**
 * Makes the parts a filter change left stale, one panel's parts a task in panel order, the
 * first after the frame with the new count has painted, so that no task holds every panel's
 * pass and commit. A timeline whose ask was made for another time filter waits for the chart's
 * new ask (call again after it). Does nothing when a fill is already under way or nothing is stale.
 */
export function fillStaleParts(get: () => WatchfloorState, set: (patch: Partial<WatchfloorState>) => void): void {
  if (filling.has(get) || get().staleParts.size === 0) return
  filling.add(get)
  const step = (): void => {
    const state = get()
    const parts = nextGroup(state)
    if (parts.length === 0 || state.remote !== null) {
      filling.delete(get)
      warmWhenDrawn(get)
      return
    }
    const stale = new Set(state.staleParts)
    for (const p of parts) stale.delete(p)
    const { views, staleParts } = answerFor(state, state.views, stale)
    set({ views, staleParts, asOfMs: views.asOfMs })
    setTimeout(step, 0)
  }
  afterNextPaint(step)
}
/** Engines made for tables about to be shown (an import's preview), each taken once. */
const enginesAhead = new WeakMap<EventTable, LocalEngine>()

/** Resolves in a later task. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * Makes the engine of a table about to be shown, and its masks and counts for the current
 * filters: the masks in this task, the table's day runs and row keys (made once per table, read
 * by every count pass) each in a task of its own, then the counts, as at a million rows any two
 * of them together would block the page for more than 50 ms. Resolves once they are made.
 */
export async function prepareEngine(table: EventTable, inputs: RequestInputs): Promise<void> {
  // A search whose rows the table's titles (kept by a worker) must give first: asked now; when
  // they cannot be had, nothing is prepared, and showing the table asks again (filter-slice.ts).
  const needle = titleSearchNeeded(table, inputs.filter)
  if (needle !== null && !(await resolveTitleRows(table, needle).then(() => true, () => false))) return
  const engine = new LocalEngine(table)
  engine.prepareMask(inputs.filter)
  // The map's positions are made in a worker meanwhile, so the events are on the map at once.
  void placeEvents(engine)
  await nextTask()
  dayRuns(table)
  await nextTask()
  rowKeys(table)
  await nextTask()
  engine.answer(requestOf(inputs), new Set())
  enginesAhead.set(table, engine)
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
    else warmWhenDrawn(get)
  }
  setTimeout(step, 0)
}

/** Rows a background task of `warmLevelSplits` visits: a few milliseconds on a slow machine. */
export const WARM_SLICE_ROWS = 1 << 17

/** The latest warming of each engine: a newer one supersedes it. */
const warmings = new WeakMap<LocalEngine, number>()

/**
 * Makes the parts split by level that the next level toggle would otherwise make from the rows
 * (LocalEngine.warmLevelSplit), a slice of rows a background task, while `wanted` says yes and no
 * newer warming of the engine has started. Resolves with the number of tasks that did some work.
 */
export function warmLevelSplits(engine: LocalEngine, wanted: () => boolean, rows = WARM_SLICE_ROWS): Promise<number> {
  const run = (warmings.get(engine) ?? 0) + 1
  warmings.set(engine, run)
  return new Promise((resolve) => {
    let worked = 0
    const step = (): void => {
      if (warmings.get(engine) !== run || !wanted() || !engine.warmLevelSplit(rows)) return resolve(worked)
      worked++
      inBackground(step)
    }
    inBackground(step)
  })
}

/**
 * Once a large table's panels are all drawn for the filters on screen (after a load, a filter
 * change's stale parts, a panel's new ask), warms its level splits for them: the first level
 * toggle then recombines, as the later ones do.
 */
export function warmWhenDrawn(get: () => WatchfloorState): void {
  const state = get()
  if (state.remote !== null || state.table.size < STAGED_PART_ROWS || state.pendingParts.size > 0 || state.staleParts.size > 0) return
  const { engine, filter } = state
  void warmLevelSplits(engine, () => get().engine === engine && get().filter === filter)
}
