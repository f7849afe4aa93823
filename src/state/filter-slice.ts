import type { StateCreator } from 'zustand'
import { EMPTY_FILTER, type FilterSpec } from '../domain/engine/filter-spec.ts'
import type { EpochMs, ThreatLevel } from '../domain/model.ts'
import { answerChange, fillStaleParts } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'
import { askTitles, pendingTitleSearch, supersedeTitleSearch, type TitleSearch } from './title-search.ts'

export interface FilterSlice {
  readonly filter: FilterSpec
  /**
   * A text search asked of the worker that keeps the table's titles and not yet applied to
   * `filter` (title-search.ts): the search field is busy meanwhile, or says why it failed.
   */
  readonly titleSearch: TitleSearch | null
  /** Replaces the whole filter (URL restore, "clear all"). */
  setFilter(filter: FilterSpec): void
  setTimeRange(range: { fromMs: EpochMs; toMs: EpochMs } | null): void
  toggleLevel(level: ThreatLevel): void
  setRegions(regions: readonly string[]): void
  toggleRegion(region: string): void
  setCountries(countries: readonly string[]): void
  toggleCountry(country: string): void
  setActors(actors: readonly string[]): void
  setCategories(categories: readonly string[]): void
  setText(text: string): void
  clearFilters(): void
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}

export const createFilterSlice: StateCreator<WatchfloorState, [], [], FilterSlice> = (set, get) => {
  // On a large table the count comes first and each other panel's part in a later task.
  const commit = (change: (filter: FilterSpec) => FilterSpec, patch: Partial<WatchfloorState> = {}): void => {
    set((state) => {
      const filter = change(state.filter)
      if (filter === state.filter) return patch
      return answerChange(state, { ...patch, filter })
    })
    fillStaleParts(get, set)
  }
  const apply = (change: (filter: FilterSpec) => FilterSpec): void => {
    const state = get()
    const target = change(state.filter)
    const needle = pendingTitleSearch(state.table, state.remote, target)
    if (needle === null) {
      // A search that needs no asking (cleared, in-page titles, asked before) supersedes one under way.
      if (target.text !== state.filter.text || state.titleSearch !== null) supersedeTitleSearch(get)
      return commit(() => target, state.titleSearch === null ? {} : { titleSearch: null })
    }
    // The titles are kept by a worker: the other filters apply now, the text once its rows come.
    const table = state.table
    commit((f) => ({ ...change(f), text: f.text }), { titleSearch: { text: target.text, failed: null } })
    void askTitles(get, table, needle).then(({ current, failed }) => {
      if (!current || get().table !== table) return
      if (failed !== null) return set({ titleSearch: { text: target.text, failed } })
      commit((f) => ({ ...f, text: target.text }), { titleSearch: null })
    })
  }
  return {
    filter: EMPTY_FILTER,
    titleSearch: null,
    setFilter: (filter) => apply(() => filter),
    setTimeRange: (timeRange) => apply((f) => ({ ...f, timeRange })),
    toggleLevel: (level) =>
      apply((f) => ({ ...f, levels: toggled(f.levels, level).sort((a, b) => a - b) })),
    setRegions: (regions) => apply((f) => ({ ...f, regions: [...regions] })),
    toggleRegion: (region) => apply((f) => ({ ...f, regions: toggled(f.regions, region) })),
    setCountries: (countries) => apply((f) => ({ ...f, countries: [...countries] })),
    toggleCountry: (country) => apply((f) => ({ ...f, countries: toggled(f.countries, country) })),
    setActors: (actors) => apply((f) => ({ ...f, actors: [...actors] })),
    setCategories: (categories) => apply((f) => ({ ...f, categories: [...categories] })),
    setText: (text) => apply((f) => ({ ...f, text })),
    clearFilters: () => apply(() => EMPTY_FILTER),
  }
}
