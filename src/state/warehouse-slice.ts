import type { StateCreator, StoreApi } from 'zustand'
import type { EventRef, Facet, ViewPart, Views, ViewsEngine } from '../domain/engine/views-engine.ts'
import type { PointFrame } from '../domain/engine/map-points.ts'
import { withCubeBefore } from './cube-pending.ts'
import type { ThreatEvent } from '../domain/model.ts'
import { EMPTY_TABLE, type DatasetMeta } from './data-slice.ts'
import { LOCAL_SOURCE, type DataSource } from './data-source.ts'
import { engineFor, requestOf } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

/**
 * Warehouse mode: a remote engine (the ClickHouse engine, made by the warehouse feature) answers
 * instead of the local one. Its answers come asynchronously: each change of the filters,
 * settings or panel asks runs it again (superseding the run before), and the last answer stays
 * on screen until the next arrives. The events of the answer (the list's, the gauges' and the
 * watched gauges', the markers' and the lanes' marks) are kept to be read by ref, as the local engine reads its table.
 */

export interface RemoteStatus {
  /** The last answer's time from request to views, ms; null while the first is on its way. */
  readonly lastMs: number | null
  /** Events the warehouse holds. */
  readonly rows: number
  readonly running: boolean
  /** What the last run's failure said; null when it answered. */
  readonly error: string | null
}

export interface WarehouseSlice {
  readonly source: DataSource
  /** The engine answering for a warehouse; null in local mode. */
  readonly remote: ViewsEngine | null
  readonly remoteStatus: RemoteStatus | null
  /** The events of the last remote answer by ref (its list window, gauges' contributions, markers). */
  readonly remoteEvents: ReadonlyMap<EventRef, ThreatEvent>
  /** Shows a warehouse table: the data on screen before is let go (the warehouse keeps its own). */
  connectWarehouse(engine: ViewsEngine, source: DataSource & { kind: 'clickhouse' }, meta: DatasetMeta): void
  /** Asks the warehouse again for the current request (after a part of its answer failed); nothing in local mode. */
  retryRemote(): void
  /** A new object each time "Connect to a warehouse" is asked for from elsewhere (the import dialog); null until then. */
  readonly warehouseAsked: object | null
  /** Asks for "Connect to a warehouse" to open (the warehouse feature opens it). */
  askWarehouse(): void
}

/** The request inputs whose change asks the remote engine again. */
function inputsChanged(a: WatchfloorState, b: WatchfloorState): boolean {
  return (
    a.remote !== b.remote ||
    a.filter !== b.filter ||
    a.asks !== b.asks ||
    a.asOfSetting !== b.asOfSetting ||
    a.indexSettings !== b.indexSettings ||
    a.watchlist !== b.watchlist ||
    a.meta !== b.meta
  )
}

/** The refs an answer names whose events a panel may read by ref. */
function refsOf(views: Views): EventRef[] {
  const refs = new Set<EventRef>()
  const addIndex = (contributions: readonly { row: number }[]): void => {
    for (const c of contributions.slice(0, 50)) refs.add(c.row)
  }
  if (views.gauges) {
    addIndex(views.gauges.overall.contributions)
    for (const g of views.gauges.regions) addIndex(g.index.contributions)
  }
  for (const w of views.watched ?? []) addIndex(w.index.contributions)
  for (const mark of views.timeline?.markers?.marks ?? []) refs.add(mark.ref)
  for (const lane of views.timeline?.lanes?.lanes ?? []) for (const mark of lane.marks) refs.add(mark.ref)
  return [...refs]
}

const NO_PARTS: ReadonlySet<ViewPart> = new Set()

/**
 * The map's events and the actor facet each remote engine's answers last drew: a run that starts
 * while an earlier one's were still coming (a panel's ask changed when the cube's panels came)
 * keeps these, still on screen, when its own fail.
 */
const shownParts = new WeakMap<ViewsEngine, { points: PointFrame | null; actors: Facet | null }>()

/** The latest run of each remote engine: an earlier run's answer (or its later part) is not drawn over it. */
const runs = new WeakMap<ViewsEngine, object>()

/**
 * What stays drawn when an early answer's later part fails: the early answer, with each part it
 * left to come marked failed with `reason` and the data shown before it kept (the map's events,
 * the actor facet), so that nothing on screen blanks and each panel can say what failed.
 */
export function afterLaterFailed(early: Views, before: Views, reason: string, pointsAsked: boolean): Views {
  if (early.cubePending === true) {
    // The cube did not come: its panels keep what they showed before, and say why.
    const { cubePending: _cube, actorsPending, later: _later, ...kept } = withCubeBefore(early, before)
    return { ...kept, cubeError: reason, ...(actorsPending === true ? { actors: before.actors } : {}) }
  }
  const { actorsPending, later: _later, ...kept } = early
  const pointsFailed = pointsAsked && early.points === null
  return {
    ...kept,
    ...(actorsPending === true ? { actors: before.actors, actorsError: reason } : {}),
    ...(pointsFailed ? { points: before.points, pointsError: reason } : {}),
    gauges: early.gauges?.contributionsPending === true ? { ...early.gauges, contributionsPending: false, contributionsError: reason } : early.gauges,
  }
}

/**
 * The whole answer of an early one, drawn: a later part that failed on its own (`actorsError`,
 * `pointsError`) keeps what was shown before it (the actor facet, the map's events), and the
 * parts that came are drawn as they are.
 */
export function withKeptParts(whole: Views, before: Views): Views {
  return {
    ...whole,
    ...(whole.actorsError !== undefined ? { actors: before.actors } : {}),
    ...(whole.pointsError !== undefined ? { points: before.points } : {}),
  }
}

/** What the status says of an answer's failed parts, each named with the warehouse's reason; null when none failed. */
export function failedPartsOf(views: Views): string | null {
  const failed: string[] = []
  if (views.cubeError !== undefined) failed.push(`the counts by day, place and level: ${views.cubeError}`)
  if (views.pointsError !== undefined) failed.push(`the map's events: ${views.pointsError}`)
  if (views.actorsError !== undefined) failed.push(`the actors: ${views.actorsError}`)
  if (views.gauges?.contributionsError !== undefined) failed.push(`the events behind the gauges: ${views.gauges.contributionsError}`)
  if (failed.length === 0) return null
  const text = failed.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Runs the remote engine whenever the request changes, for as long as a remote engine is set; returns a run of it now. */
function followRemote(api: StoreApi<WatchfloorState>): () => void {
  const run = (state: WatchfloorState): void => {
    const remote = state.remote
    if (remote === null) return
    const started = performance.now()
    // What is on screen: the map's events and the actors an earlier run drew when this one's answer has none yet.
    const shown = shownParts.get(remote)
    const before: Views = {
      ...state.views,
      points: state.views.points ?? shown?.points ?? null,
      actors: state.views.actorsPending === true ? (shown?.actors ?? state.views.actors) : state.views.actors,
    }
    const request = requestOf(state)
    api.setState({ remoteStatus: { ...(state.remoteStatus ?? { lastMs: null, rows: 0, error: null }), running: true } })
    // An early answer is drawn at once; what it left to come follows (`later`, once or twice),
    // each step drawn if no newer run came. While the cube is coming the panels it makes keep
    // what they showed before, marked busy (selectPanelStale), and the count and the list are the
    // current filters'.
    const show = async (answer: Views, error: string | null = null): Promise<void> => {
      const views = answer.cubePending === true ? withCubeBefore(answer, before) : answer
      const events = new Map<EventRef, ThreatEvent>()
      for (const row of views.list?.rows ?? []) if (row.event !== null) events.set(row.ref, row.event)
      const missing = refsOf(views).filter((ref) => !events.has(ref))
      const fetched = await remote.events(missing)
      missing.forEach((ref, i) => fetched[i] && events.set(ref, fetched[i]!))
      if (api.getState().remote !== remote || runs.get(remote) !== token) return
      shownParts.set(remote, {
        points: views.points ?? shown?.points ?? null,
        actors: views.actorsPending === true ? (shown?.actors ?? null) : views.actors,
      })
      api.setState({
        views,
        asOfMs: views.asOfMs,
        remoteEvents: events,
        // Still running while a later part is to come: the status stays busy until every part has come or failed.
        remoteStatus: { lastMs: Math.round(performance.now() - started), rows: views.size, running: views.later !== undefined, error },
      })
    }
    const token = {}
    runs.set(remote, token)
    remote
      .run({ ...request, early: true })
      .then(async (first) => {
        await show(first)
        // Each later part comes or fails on its own; one that failed keeps what was shown before
        // it and says why: the gauges panel why their events are missing, the map and the actor
        // field what failed with a retry, and the status names each failed part. A later part
        // that fails as a whole (the cube, or an engine that does not settle its parts) fails all
        // it held back.
        for (let views = first; views.later !== undefined; ) {
          const early = views
          views = await early.later!.then(
            (answer) => withKeptParts(answer, before),
            (error: unknown): Views => {
              if (error instanceof Error && error.name === 'AbortError') throw error
              return afterLaterFailed(early, before, error instanceof Error ? error.message : String(error), request.points !== null)
            },
          )
          await show(views, views.later === undefined ? failedPartsOf(views) : null)
        }
      })
      .catch((error: unknown) => {
        // A newer run superseded this one: its answer is never drawn, and the newer one reports.
        if (error instanceof Error && error.name === 'AbortError') return
        if (api.getState().remote !== remote || runs.get(remote) !== token) return
        const message = error instanceof Error ? error.message : String(error)
        api.setState((s) => ({ remoteStatus: { lastMs: s.remoteStatus?.lastMs ?? null, rows: s.remoteStatus?.rows ?? 0, running: false, error: message } }))
      })
  }
  api.subscribe((state, previous) => {
    if (state.remote !== null && inputsChanged(state, previous)) run(state)
  })
  return () => run(api.getState())
}

export const createWarehouseSlice: StateCreator<WatchfloorState, [], [], WarehouseSlice> = (set, _get, api) => {
  const runNow = followRemote(api)
  return {
    retryRemote: runNow,
    warehouseAsked: null,
    askWarehouse: () => set({ warehouseAsked: {} }),
    source: LOCAL_SOURCE,
    remote: null,
    remoteStatus: null,
    remoteEvents: new Map(),
    connectWarehouse: (engine, source, meta) =>
      set((state) => {
        // The local engine answers for nothing while the warehouse does.
        const empty = engineFor(EMPTY_TABLE)
        return {
          remote: engine,
          source,
          meta,
          table: EMPTY_TABLE,
          engine: empty,
          // Nothing of the data before stays drawn under the warehouse's name while its first
          // answer is on its way: every part is left out, so each panel shows itself busy (a list
          // of the rows before would be read by ref from the warehouse, which names other events).
          views: empty.answer(requestOf({ ...state, meta }), NO_PARTS),
          staleParts: NO_PARTS,
          pendingParts: NO_PARTS,
          dataToken: {},
          drawInStages: false,
          selectedRow: null,
          load: { kind: 'ready' },
          remoteStatus: { lastMs: null, rows: 0, running: true, error: null },
          remoteEvents: new Map(),
        }
      }),
  }
}
