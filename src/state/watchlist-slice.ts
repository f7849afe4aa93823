import type { StateCreator } from 'zustand'
import type { WatchItem } from '../domain/alerts.ts'
import { answerNow } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

export interface WatchlistSlice {
  /** Watched regions, countries and actors, in the order they were added. */
  readonly watchlist: readonly WatchItem[]
  /** Adds an item, or replaces the item with the same id (same kind and value). */
  addWatchItem(item: WatchItem): void
  updateWatchItem(id: string, patch: Partial<Pick<WatchItem, 'thresholdLevel' | 'risePoints' | 'muted' | 'label' | 'surge'>>): void
  removeWatchItem(id: string): void
  /** Replaces the whole list (restoring the saved workspace). */
  setWatchlist(items: readonly WatchItem[]): void
}

export const createWatchlistSlice: StateCreator<WatchfloorState, [], [], WatchlistSlice> = (set) => ({
  watchlist: [],
  addWatchItem: (item) =>
    set((s) => {
      const at = s.watchlist.findIndex((w) => w.id === item.id)
      if (at < 0) return answerNow(s, { watchlist: [...s.watchlist, item] })
      return answerNow(s, { watchlist: s.watchlist.map((w, i) => (i === at ? item : w)) })
    }),
  updateWatchItem: (id, patch) =>
    set((s) => answerNow(s, { watchlist: s.watchlist.map((w) => (w.id === id ? { ...w, ...patch } : w)) })),
  removeWatchItem: (id) => set((s) => answerNow(s, { watchlist: s.watchlist.filter((w) => w.id !== id) })),
  setWatchlist: (items) => set((s) => answerNow(s, { watchlist: [...items] })),
})
