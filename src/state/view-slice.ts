import type { StateCreator } from 'zustand'
import { EMPTY_FILTER } from '../domain/engine/filter-spec.ts'
import { LocalEngine } from '../domain/engine/local/local-engine.ts'
import {
  LATEST_AS_OF,
  type AsOfSetting,
  type EventRef,
  type GaugesAsk,
  type IndexWindowMode,
  type ListAsk,
  type MapAsk,
  type Subject,
  type SubjectEvents,
  type TimelineAsk,
  type ViewPart,
  type Views,
} from '../domain/engine/views-engine.ts'
import type { PointsAsk } from '../domain/engine/map-points.ts'
import type { DataIdentity } from '../domain/export/view-file.ts'
import type { EpochMs, ThreatEvent } from '../domain/model.ts'
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from '../domain/threat-index.ts'
import { EMPTY_TABLE } from './data-slice.ts'
import { answerNow, fillStaleParts, requestOf, warmWhenDrawn } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

/** What each panel asks the engine for; null while the panel asks for nothing. */
export interface PanelAsks {
  readonly timeline: TimelineAsk | null
  readonly gauges: GaugesAsk | null
  readonly map: MapAsk | null
  readonly points: PointsAsk | null
  readonly list: ListAsk | null
  readonly compare: readonly string[] | null
}

export const DEFAULT_ASKS: PanelAsks = {
  timeline: null,
  gauges: { limit: 5 },
  map: { shadeBy: 'countries' },
  points: null,
  list: { offset: 0, length: 60 },
  compare: null,
}

export interface ViewSlice {
  /** The engine that answers for the data on screen (one per table). */
  readonly engine: LocalEngine
  readonly asks: PanelAsks
  /** The last answer: every panel reads its part of it. */
  readonly views: Views
  /** Parts a large new table has yet to make (each in a task of its own after the count paints). */
  readonly pendingParts: ReadonlySet<ViewPart>
  /**
   * Parts still showing the answer to an earlier request while a filter change's own are made
   * (one a task after the count paints, on a large table): their panels show them busy.
   */
  readonly staleParts: ReadonlySet<ViewPart>
  readonly asOfSetting: AsOfSetting
  /** The as-of instant in force, resolved from the setting and the data. */
  readonly asOfMs: EpochMs
  readonly indexSettings: IndexSettings
  /** Whether the gauges and the map score the time range (default) or the rolling window. */
  readonly indexWindow: IndexWindowMode
  /** The event whose detail is open, or null. */
  readonly selectedRow: EventRef | null
  setAsOf(setting: AsOfSetting): void
  setIndexSettings(settings: IndexSettings): void
  setIndexWindow(mode: IndexWindowMode): void
  /** Replaces one panel's ask; only that panel's part of the answer is made again. */
  setAsk<K extends keyof PanelAsks>(panel: K, ask: PanelAsks[K]): void
  selectRow(row: EventRef | null): void
  /**
   * The events behind refs of the current answer (a detail view, a list window, a mark's card),
   * in the same order, from whichever engine answers: a row's text is read when it is shown,
   * never with the panels' answer. In warehouse mode the events the last run brought are reused.
   * A caller must drop the answer when the data has changed meanwhile (compare `dataToken`).
   */
  fetchEvents(refs: readonly EventRef[], signal?: AbortSignal): Promise<ThreatEvent[]>
  /** Selects the next (+1) or previous (−1) matching event in list order (newest first). */
  selectAdjacentEvent(step: 1 | -1): void
  /**
   * The events of one place or actor in a window, whatever the filters (see ViewsEngine.eventsOf).
   * In warehouse mode the warehouse answers, and its events are kept to be read by ref (so one
   * can be opened). Rejects when the warehouse fails.
   */
  fetchEventsOf(subject: Subject, fromMs: EpochMs, toMs: EpochMs, limit: number): Promise<SubjectEvents>
  /** How many events the data holds and their fingerprint (a saved view's data check). */
  readDataIdentity(): Promise<DataIdentity>
}

const NO_PARTS: ReadonlySet<ViewPart> = new Set()
const initialEngine = new LocalEngine(EMPTY_TABLE)
const initialViews = initialEngine.answer(
  requestOf({ filter: EMPTY_FILTER, asOfSetting: LATEST_AS_OF, indexSettings: DEFAULT_INDEX_SETTINGS, meta: null, watchlist: [], asks: DEFAULT_ASKS }),
)

/** The local engine, for what only it answers at once; a warehouse's events are not all in the tab. */
function localOnly(s: WatchfloorState): LocalEngine {
  if (s.remote !== null) throw new Error('Data exports of a warehouse table are not available yet: export the panels as pictures, or load a file.')
  return s.engine
}

export const createViewSlice: StateCreator<WatchfloorState, [], [], ViewSlice> = (set, get) => ({
  engine: initialEngine,
  asks: DEFAULT_ASKS,
  views: initialViews,
  pendingParts: NO_PARTS,
  staleParts: NO_PARTS,
  asOfSetting: LATEST_AS_OF,
  asOfMs: initialViews.asOfMs,
  indexSettings: DEFAULT_INDEX_SETTINGS,
  indexWindow: 'range',
  selectedRow: null,
  setAsOf: (asOfSetting) => set((state) => answerNow(state, { asOfSetting })),
  setIndexSettings: (indexSettings) => set((state) => answerNow(state, { indexSettings })),
  setIndexWindow: (indexWindow) => set((state) => (state.indexWindow === indexWindow ? {} : answerNow(state, { indexWindow }))),
  setAsk: (panel, ask) => {
    set((state) => (state.asks[panel] === ask ? {} : answerNow(state, { asks: { ...state.asks, [panel]: ask } })))
    // A timeline left stale by a brush waits for this ask.
    fillStaleParts(get, set)
    // A new ask (the chart's span grown to early warning's band, a pan) leaves new parts to split by level.
    warmWhenDrawn(get)
  },
  selectRow: (selectedRow) => set({ selectedRow }),
  fetchEvents: async (refs, signal) => {
    const s = get()
    if (s.remote === null) return s.engine.events(refs)
    const known = s.remoteEvents
    const missing = refs.filter((ref) => !known.has(ref))
    const fetched = missing.length === 0 ? [] : await s.remote.events(missing, signal)
    const found = new Map(missing.map((ref, i) => [ref, fetched[i]] as const))
    return refs.flatMap((ref) => known.get(ref) ?? found.get(ref) ?? [])
  },
  fetchEventsOf: async (subject, fromMs, toMs, limit) => {
    const remote = get().remote
    if (remote === null) return get().engine.eventsOf(subject, fromMs, toMs, limit)
    const found = await remote.eventsOf(subject, fromMs, toMs, limit)
    if (get().remote === remote) {
      set((now) => {
        const events = new Map(now.remoteEvents)
        found.refs.forEach((ref, i) => events.set(ref, found.events[i]!))
        return { remoteEvents: events }
      })
    }
    return found
  },
  readDataIdentity: async () => {
    const engine = localOnly(get())
    return { events: engine.table.size, hash: await engine.dataHash() }
  },
  selectAdjacentEvent: (step) => {
    const s = get()
    if (s.remote !== null) {
      const remote = s.remote
      void remote.adjacent(requestOf(s), s.selectedRow, step).then(async (ref) => {
        if (ref === null || get().remote !== remote) return
        const [event] = await remote.events([ref])
        if (event === undefined || get().remote !== remote) return
        set((now) => ({ remoteEvents: new Map(now.remoteEvents).set(ref, event), selectedRow: ref }))
      })
      return
    }
    const next = s.engine.adjacentNow(requestOf(s), s.selectedRow, step)
    if (next !== null) set({ selectedRow: next })
  },
})
