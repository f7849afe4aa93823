import type { EpochMs, ThreatLevel } from '../model.ts'

/** What the analyst has narrowed the data to. Empty lists and null mean "no filter". */
export interface FilterSpec {
  /** Events that overlap [fromMs, toMs) pass; an imprecise event passes if any of its span does. */
  readonly timeRange: { readonly fromMs: EpochMs; readonly toMs: EpochMs } | null
  readonly regions: readonly string[]
  readonly countries: readonly string[]
  readonly actors: readonly string[]
  readonly levels: readonly ThreatLevel[]
  readonly categories: readonly string[]
  /** Case-insensitive substring of the title, an actor or the category. */
  readonly text: string
}

export const EMPTY_FILTER: FilterSpec = {
  timeRange: null,
  regions: [],
  countries: [],
  actors: [],
  levels: [],
  categories: [],
  text: '',
}
