import type { StateCreator } from 'zustand'
import { EMPTY_FILTER, type FilterSpec } from '../domain/engine/filter-spec.ts'
import type { EpochMs, ThreatLevel } from '../domain/model.ts'
import { answerChange, fillStaleParts } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

export interface FilterSlice {
  readonly filter: FilterSpec
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
  const apply = (change: (filter: FilterSpec) => FilterSpec): void => {
    set((state) => {
      const filter = change(state.filter)
      if (filter === state.filter) return {}
      return answerChange(state, { filter })
    })
    fillStaleParts(get, set)
  }
  return {
    filter: EMPTY_FILTER,
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
