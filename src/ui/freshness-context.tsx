import { createContext, useContext } from 'react'

/** How fresh the data on screen is, at the app's one clock tick. */
export interface Freshness {
  /** When the data was last loaded or refreshed, ms since the epoch; null when unknown (the sample). */
  readonly updatedAtMs: number | null
  /** The clock's last tick, ms since the epoch (never earlier than `updatedAtMs`). */
  readonly nowMs: number
  /** Data older than this reads as stale, ms. */
  readonly staleAfterMs: number
  /** Whether a live source keeps refreshing the data. */
  readonly live: boolean
  /** How many events the latest live refresh brought. */
  readonly newCount: number
}

/**
 * Provided once by the app (which owns the one ticking clock); every panel reads it. Without a
 * provider (a panel on its own) nothing about freshness is shown.
 */
export const FreshnessContext = createContext<Freshness | null>(null)

export function useFreshness(): Freshness | null {
  return useContext(FreshnessContext)
}
