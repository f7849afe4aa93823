import type { StateCreator } from 'zustand'
import { buildEventTable } from '../domain/build-table.ts'
import type { Dataset, ImportResult, RegionDef } from '../domain/model.ts'
import type { EventTable } from '../domain/table.ts'
import { recomputeAll, type PreparedDerived } from './derive.ts'
import type { WatchfloorState } from './store-types.ts'

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
  readonly table: EventTable
  readonly load: LoadStatus
  /** The report of the import that produced the current data, if any. */
  readonly lastImport: Omit<ImportResult, 'dataset'> | null
  /**
   * Replaces the data; filters stay, as-of returns to the data's latest day. `prepared`, derived
   * ahead for this table, is used while the filters and as-of setting are still those it had.
   */
  setTable(table: EventTable, meta: DatasetMeta, report?: Omit<ImportResult, 'dataset'>, prepared?: PreparedDerived): void
  setDataset(dataset: Dataset, report?: Omit<ImportResult, 'dataset'>): void
  setLoadStatus(load: LoadStatus): void
}

export const EMPTY_DATASET: Dataset = { schemaVersion: 1, name: 'No data', regions: [], events: [] }
export const EMPTY_TABLE: EventTable = buildEventTable(EMPTY_DATASET)

function metaOf(dataset: Dataset): DatasetMeta {
  return {
    name: dataset.name,
    ...(dataset.description ? { description: dataset.description } : {}),
    ...(dataset.source ? { source: dataset.source } : {}),
    ...(dataset.generatedAt ? { generatedAt: dataset.generatedAt } : {}),
    customRegions: dataset.regions,
  }
}

export const createDataSlice: StateCreator<WatchfloorState, [], [], DataSlice> = (set, get) => ({
  meta: null,
  table: EMPTY_TABLE,
  load: { kind: 'idle' },
  lastImport: null,
  setTable: (table, meta, report, prepared) =>
    set((state) => ({
      table,
      meta,
      lastImport: report ?? null,
      load: { kind: 'ready' },
      selectedRow: null,
      ...(prepared && prepared.table === table && prepared.filter === state.filter && prepared.asOf === state.asOfSetting
        ? prepared.derived
        : recomputeAll(table, state.filter, state.asOfSetting)),
    })),
  setDataset: (dataset, report) => get().setTable(buildEventTable(dataset), metaOf(dataset), report),
  setLoadStatus: (load) => set({ load }),
})
