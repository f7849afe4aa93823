import type { StateCreator } from 'zustand'
import { buildEventTable } from '../domain/build-table.ts'
import { VIEW_PARTS, type ViewPart } from '../domain/engine/views-engine.ts'
import type { Dataset, RegionDef } from '../domain/model.ts'
import type { EventTable } from '../domain/table-types.ts'
import { placeEventsAfterPaint } from './project-positions.ts'
import { answerNow, engineFor, fillPendingParts, STAGED_PART_ROWS, warmWhenDrawn } from './run-views.ts'
import { LOCAL_SOURCE } from './data-source.ts'
import type { WatchfloorState } from './store-types.ts'
import { pendingTitleSearch } from './title-search.ts'

/** What the header and exports say about the loaded data. */
export interface DatasetMeta {
  readonly name: string
  readonly description?: string
  readonly source?: string
  readonly generatedAt?: string
  /** Regions the dataset defines for itself. */
  readonly customRegions: readonly RegionDef[]
}

export type LoadStatus =
  | { readonly kind: 'idle' }
  /**
   * `progress`: the fraction done (0–1) when the loader knows it; the banner shows a bar.
   * `onCancel`: stops the load (the banner then offers Cancel).
   */
  | { readonly kind: 'loading'; readonly message: string; readonly progress?: number; readonly onCancel?: () => void }
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly message: string }

export interface DataSlice {
  readonly meta: DatasetMeta | null
  /** The data on screen: what the engine answers from, and what imports merge into and save. */
  readonly table: EventTable
  /** A new object each time data is put on screen: what staged first renders key on. */
  readonly dataToken: object
  /**
   * Whether the panels draw the data on screen in stages, each in a task of its own after the
   * count has painted: a large table, and the first rows an empty dashboard receives (the page's
   * first data, from the sample, a restore or a link: drawn at once, every panel's DOM is built
   * in one task of a few hundred milliseconds while the page is still starting).
   */
  readonly drawInStages: boolean
  readonly load: LoadStatus
  /**
   * The one way data enters, from files, URLs, generated data, restores and merges alike: puts
   * `table` on screen with a new engine (the one prepared ahead for it, if any). Filters stay;
   * the as-of returns to the data's latest day. A large table makes each panel's part of the
   * answer in a task of its own, after the count has painted.
   */
  loadTable(table: EventTable, meta: DatasetMeta): void
  /** loadTable for a parsed dataset. */
  loadDataset(dataset: Dataset): void
  setLoadStatus(load: LoadStatus): void
}

export const EMPTY_DATASET: Dataset = { schemaVersion: 1, name: 'No data', regions: [], events: [] }
export const EMPTY_TABLE: EventTable = buildEventTable(EMPTY_DATASET)

/** What a loaded dataset's table is shown with: its name, description, source and regions. */
export function datasetMeta(dataset: Dataset): DatasetMeta {
  return {
    name: dataset.name,
    ...(dataset.description ? { description: dataset.description } : {}),
    ...(dataset.source ? { source: dataset.source } : {}),
    ...(dataset.generatedAt ? { generatedAt: dataset.generatedAt } : {}),
    customRegions: dataset.regions,
  }
}

/**
 * Starts building the search index of a new table's titles and its actors' postings once it has
 * painted (index-titles.ts and warm-postings.ts, chunks of their own). A search meanwhile reads
 * every title, and a first actor pick builds the postings itself, with the same answers.
 */
function indexTitlesAfterPaint(table: EventTable, wanted: () => boolean): void {
  // Without workers there is nothing to build it in: search keeps reading every title. Titles
  // kept by an import's worker are indexed and searched there.
  if (table.size === 0 || typeof Worker !== 'function' || table.remoteTitles) return
  let started = false
  const start = (): void => {
    if (started || !wanted()) return
    started = true
    // A chunk that fails to load (the page going away, a lost connection) leaves search as it was.
    import('./index-titles.ts').then(
      ({ indexTitles }) => indexTitles(table.titles, wanted),
      () => false,
    )
    // The actors' postings, which the indexed row search installed above reads, made ahead too.
    import('./warm-postings.ts').then(
      ({ warmActorPostings }) => warmActorPostings(table.actors, wanted),
      () => false,
    )
  }
  // A frame callback comes just before a paint and a task it posts runs after it; a hidden tab gets no frames.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(start, 0))
  setTimeout(start, 500)
}

export const createDataSlice: StateCreator<WatchfloorState, [], [], DataSlice> = (set, get) => ({
  meta: null,
  table: EMPTY_TABLE,
  dataToken: {},
  drawInStages: false,
  load: { kind: 'idle' },
  loadTable: (table, meta) => {
    // A search on screen whose rows the new table's titles (kept by a worker) have not given yet:
    // the table is shown without it, and the search applied once its rows come (title-search.ts).
    const needle = pendingTitleSearch(table, null, get().filter)
    if (needle !== null) {
      const text = get().filter.text
      set((state) => ({ filter: { ...state.filter, text: '' } }))
      get().loadTable(table, meta)
      get().setText(text)
      return
    }
    const engine = engineFor(table)
    engine.markNew(get().newRows)
    const pendingParts: ReadonlySet<ViewPart> = table.size >= STAGED_PART_ROWS ? new Set(VIEW_PARTS) : new Set()
    // Data put on screen in the tab ends warehouse mode.
    const local = { remote: null, source: LOCAL_SOURCE, remoteStatus: null, remoteEvents: new Map() }
    const drawInStages = table.size >= STAGED_PART_ROWS || (get().views.size === 0 && table.size > 0)
    set((state) => answerNow(state, { table, dataToken: {}, drawInStages, meta, engine, pendingParts, load: { kind: 'ready' }, selectedRow: null, ...local }))
    if (pendingParts.size > 0) fillPendingParts(get, set, engine)
    placeEventsAfterPaint(engine, () => {
      if (get().engine !== engine) return
      set(answerNow(get(), {}))
      // The map's bins split by level, made ahead as the other parts' are once drawn.
      warmWhenDrawn(get)
    })
    indexTitlesAfterPaint(table, () => get().table === table)
  },
  loadDataset: (dataset) => get().loadTable(buildEventTable(dataset), datasetMeta(dataset)),
  setLoadStatus: (load) => set({ load }),
})
